/**
 * content.shaft.hate: hate speech and discrimination against a protected group. Sources: CTIA
 * Messaging Principles & Best Practices (May 2023) §5.3.1 (hate speech is a prohibited SHAFT
 * category); Twilio error 30455 (toll-free verification rejected for hate content) and 30874;
 * T-Mobile Code of Conduct Sev-0 tier 3 (aggregator notices, unverified from the primary text);
 * Fair Housing Act, 42 U.S.C. 3604(c): a housing notice or advertisement may not state a
 * preference, limitation or discrimination based on race, colour, religion, sex, handicap,
 * familial status or national origin. Rules: hate-group slogans, calls for violence, a short list
 * of unambiguous slurs (src/data/hate-slurs.ts), dehumanising statements about a group, and the
 * exclusion of a group from housing, work or service ("no Section 8", "whites only").
 * "We welcome all", "Equal Housing Opportunity" and "Section 8 accepted" do not match.
 */
import { HATE_SLURS_ROT13 } from '../../data/hate-slurs.js';
import type { CodeReport, ContentRule } from './match.js';

/** Groups named in the plural ("Muslims are …", "no Mexicans"): protected by race, colour, religion, national origin, sex, disability. */
const GROUPS =
  "jews|muslims|moslems|blacks|whites|gays|lesbians|homosexuals|queers|immigrants|migrants|refugees|foreigners|mexicans|hispanics|latinos|latinas|arabs|asians|chinese|indians|africans|christians|catholics|hindus|sikhs|mormons|illegals|(?:trans(?:gender)?|disabled|handicapped|black|white|gay|jewish|muslim) (?:people|persons|folks|applicants|tenants)|the (?:disabled|handicapped)";
const GROUP_ANCHORS = [
  'jews', 'muslim', 'moslem', 'black', 'white', 'gay', 'lesbian', 'homosexual', 'queer', 'immigrant', 'migrant', 'refugee', 'foreigner', 'mexican', 'hispanic',
  'latino', 'latina', 'arab', 'asian', 'chinese', 'indian', 'african', 'christian', 'catholic', 'hindu', 'sikh', 'mormon', 'illegal', 'trans', 'disabled',
  'handicapped', 'jewish',
];
/** An adjective naming a protected group, before a noun for people ("white tenants", "straight males"). */
const GROUP_ADJ = 'white|black|christian|jewish|muslim|catholic|asian|hispanic|latino|mexican|arab|american|american-born|native-born|straight|heterosexual|gay';
const PEOPLE = 'tenants?|applicants?|famil(?:y|ies)|people|persons|buyers|renters|residents|workers|employees|candidates|customers|clients|guests|couples?|males?|females?|men|women|guys|girls|roommates?|neighbou?rs|members|folks';
const ADJ_ANCHORS = ['white', 'black', 'christian', 'jewish', 'muslim', 'catholic', 'asian', 'hispanic', 'latino', 'mexican', 'arab', 'american', 'native', 'straight', 'heterosexual', 'gay'];

/** "no Chinese food", "no Mexicans … restaurant": a cuisine, language or festival, not people. */
const NOT_PEOPLE_AFTER = /^[\s-]*(?:food|restaurant|takeout|take-out|cuisine|menu|buffet|lessons?|class(?:es)?|language|medicine|new year|checkers|wash|load|cycle|setting|laundry)\b/i;
/** Laundry: "wash whites only", "bleach for whites only". */
const LAUNDRY_BEFORE = /\b(?:wash|washing|bleach|laundry|load|loads|cycle|detergent|darks|colou?rs)\b[^.]{0,30}$/i;

/** Digits for letters (n1gg3r), as the anchored rule sees them. */
const LEET: Readonly<Record<string, string>> = { a: '[a4]', e: '[e3]', i: '[i1]', o: '[o0]', s: '[s5]', ' ': '[\\s-]?' };
/** Also * or @ for vowels (k*ke, f@g): only in texts holding one of them (the gated rule). */
const LEET_MASKED: Readonly<Record<string, string>> = { a: '[a4@*]', e: '[e3*]', i: '[i1*]', o: '[o0*]', u: '[u*]', s: '[s5]', ' ': '[\\s-]?' };
const DIGIT_LEET: Readonly<Record<string, readonly string[]>> = { a: ['a', '4'], e: ['e', '3'], i: ['i', '1'], o: ['o', '0'], s: ['s', '5'] };

function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

const SLURS = HATE_SLURS_ROT13.map(rot13);

/** Regex for a slur with common masking (n1gg3r, k*ke), plural and "-z" endings. */
function slurPattern(slurs: readonly string[], leet: Readonly<Record<string, string>>): RegExp {
  const alts = slurs.map((w) => w.replace(/[a-z ]/g, (c) => leet[c] ?? c));
  return new RegExp(`\\b(?:${alts.join('|')})(?:s|z|es)?\\b`, 'gi');
}

/** Prefilter anchors: every five-letter prefix of a slur (shorter: the first word) with digits for vowels (masks with * are caught by the gate rule). */
function slurAnchors(slurs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of slurs) {
    let prefixes = [''];
    for (const c of (w.split(' ')[0] ?? w).slice(0, 5)) prefixes = prefixes.flatMap((p) => (DIGIT_LEET[c] ?? [c]).map((x) => p + x));
    for (const p of prefixes) out.add(p.trimEnd());
  }
  return [...out];
}

const SLUR_RE = slurPattern(SLURS, LEET);
const SLUR_MASKED_RE = slurPattern(SLURS, LEET_MASKED);

/** content.shaft.hate rule table. */
export const HATE_RULES: readonly ContentRule[] = [
  {
    id: 'shaft.hate.group',
    label: 'a hate-group slogan',
    pattern: /\b(?:white (?:power|supremac(?:y|ists?))|heil hitler|sieg heil|neo-?nazis?|ku klux klan|kkk|master race|race war|ethnic cleansing)\b/gi,
    anchors: ['white', 'heil', 'sieg', 'neo', 'klux', 'kkk', 'race', 'cleansing'],
  },
  {
    id: 'shaft.hate.incitement',
    label: 'a call for violence against a group',
    pattern:
      /\b(?:(?:kill|gas|exterminate|hang|shoot|lynch) (?:all )?(?:the )?|death to (?:all )?(?:the )?)(?:jews|muslims|blacks|gays|immigrants|mexicans|arabs|asians|christians|whites|queers|trans(?:gender)? people|latinos|hispanics)\b/gi,
    anchors: ['jews', 'muslims', 'blacks', 'gays', 'immigrants', 'mexicans', 'arabs', 'asians', 'christians', 'whites', 'queers', 'trans', 'latinos', 'hispanics'],
  },
  {
    id: 'shaft.hate.slur',
    label: 'a slur',
    pattern: SLUR_RE,
    // "Spic and Span" is a cleaning product.
    unlessAfter: /^\s*(?:and|&|n'?)\s*span\b/i,
    anchors: slurAnchors(SLURS),
  },
  {
    id: 'shaft.hate.slur_masked',
    label: 'a masked slur',
    pattern: SLUR_MASKED_RE,
    unlessAfter: /^\s*(?:and|&|n'?)\s*span\b/i,
    // Masked with a symbol (n*gger, f@g): the symbol is the cheap test.
    gates: [/[*@]/],
  },
  {
    id: 'shaft.hate.dehumanising',
    label: 'dehumanising language about a group',
    pattern: new RegExp(
      `\\b(?:${GROUPS})\\s+(?:are|r)\\s+(?:all\\s+|just\\s+|nothing but\\s+|like\\s+|a bunch of\\s+|the\\s+)?(?:vermin|parasites?|rats|cockroaches|roaches|animals|savages|sub-?humans?|not (?:even )?human|a (?:disease|plague|cancer|virus)|an (?:infestation|abomination)|abominations?|filth|scum|subhuman|inferior|apes|monkeys|pigs|dogs|invaders)\\b`,
      'gi',
    ),
    anchors: GROUP_ANCHORS,
  },
  {
    id: 'shaft.hate.send_back',
    label: 'a call to expel a group',
    pattern: /\b(?:send|ship|kick) (?:them|'em|these \w+|those \w+) (?:all )?(?:back|out)\b/gi,
    requires: [/\b(?:invasion|invaders|illegals|vermin|parasites|savages|not human|subhuman)\b/i],
    anchors: ['send', 'ship', 'kick'],
  },
  {
    id: 'shaft.hate.exclusion',
    label: 'the exclusion of a protected group (42 U.S.C. 3604(c) for housing)',
    pattern: new RegExp(
      `\\bno\\s+(?:${GROUPS})\\b|\\b(?:${GROUPS}|(?:${GROUP_ADJ})\\s+(?:${PEOPLE}))\\s+(?:only|preferred|need not apply|not welcome|not allowed|not accepted)\\b|\\bonly\\s+(?:${GROUP_ADJ})\\s+(?:${PEOPLE})\\b|\\b(?:don't|do not|won't|will not|never|cannot|can't|refuse to)\\s+(?:rent|sell|lease|hire|serve|employ|show (?:homes|houses|apartments|units))\\s+(?:(?:homes?|houses?|apartments?|units?|rooms?)\\s+)?(?:to\\s+)?(?:any\\s+)?(?:${GROUPS})\\b`,
      'gi',
    ),
    unlessBefore: LAUNDRY_BEFORE,
    unlessAfter: NOT_PEOPLE_AFTER,
    // Every alternative names a group (plural noun or adjective): those words are the anchors.
    anchors: [...GROUP_ANCHORS, ...ADJ_ANCHORS],
    gates: [/\b(?:only|preferred|need not apply|not welcome|not allowed|not accepted|no|don't|do not|won't|will not|never|cannot|can't|refuse to)\b/i],
  },
  {
    id: 'shaft.hate.source_of_income',
    label: 'a refusal of housing vouchers ("no Section 8")',
    // Source-of-income discrimination is not in the federal Act; many states and cities ban it
    // (e.g. Cal. Gov. Code 12955, N.Y. Exec. Law 296(5)): unverified here, and not state-scoped.
    pattern: /\bno\s+(?:section|sec\.?)\s*(?:8|viii|eight)\b(?!\s*(?:inspection|paperwork)\b)|\b(?:section|sec\.?)\s*(?:8|viii|eight)\s+(?:vouchers?\s+)?(?:not accepted|not allowed|need not apply|not welcome|not considered|not taken)\b|\bno\s+(?:housing\s+)?vouchers\b/gi,
    anchors: ['section', 'sec', 'vouchers'],
  },
];

/** How content.shaft.hate is reported: forbidden outright (no age gate makes it sendable). */
export const HATE_REPORT: CodeReport = {
  code: 'content.shaft.hate',
  severity: 'block',
  sev0Tier: 3,
  message: (label, span) => `Contains ${label} ("${span.text}"): hate speech and discrimination against a protected group are forbidden on US carriers (CTIA SHAFT; Twilio 30455).`,
  fix: 'Remove it and address everyone; a housing ad may not state a preference based on race, colour, religion, sex, disability, familial status or national origin (42 U.S.C. 3604(c)).',
};
