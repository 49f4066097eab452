/**
 * Inbound message classification: whole-message STOP/START/HELP keywords (CTIA Messaging
 * Principles & Best Practices 2023 §5.1.3; provider defaults) and plain-language opt-outs, which
 * 47 CFR 64.1200(a)(10) (FCC 2024 revocation order) requires a sender to honour when made "by any
 * reasonable means". Pure: no I/O. docs/keywords.md documents the lists, rules and measured accuracy.
 */
import { BUILTIN_KEYWORDS, KEYWORD_LANGUAGES } from '../data/keywords.js';
import type { KeywordKind, KeywordLanguage } from '../data/keywords.js';
import { misspeltKeyword, spelledOut } from './keyword-typos.js';
import type { InboundClassification, KeywordOptions } from './types.js';

interface KeywordEntry {
  kind: KeywordKind;
  keyword: string;
  language?: KeywordLanguage;
}

/** Characters ignored at either end of a keyword reply: whitespace, punctuation, symbols (emoji), format chars. */
const EDGE_NOISE = /^[\s\p{P}\p{S}\p{Cf}]+|[\s\p{P}\p{S}\p{Cf}]+$/gu;
const INNER_SEPARATORS = /[\s_\-‐‑‒–—]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/**
 * Normalises a whole message for keyword matching: Unicode compatibility form, accents and emoji
 * variation selectors dropped, leading/trailing whitespace, punctuation and symbols (emoji) removed,
 * inner spaces/hyphens/underscores collapsed to one space, upper case. `" Stop!! 🛑"` → `STOP`,
 * `opt-out` → `OPT OUT`. CTIA §5.1.3: keywords are matched regardless of case and punctuation.
 */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(EDGE_NOISE, '')
    .replace(INNER_SEPARATORS, ' ')
    .toUpperCase();
}

const ALL_LANGUAGES: readonly KeywordLanguage[] = KEYWORD_LANGUAGES;
const KIND_ORDER: readonly KeywordKind[] = ['opt_out', 'opt_in', 'help'];

/** Built-in keyword tables, one per language, built once. */
const BUILTIN_BY_LANGUAGE: ReadonlyMap<KeywordLanguage, ReadonlyMap<string, KeywordEntry>> = new Map(
  ALL_LANGUAGES.map((language) => [
    language,
    new Map(
      BUILTIN_KEYWORDS.filter((k) => k.language === language).map((k) => [
        k.keyword,
        { kind: k.kind, keyword: k.keyword, language: k.language },
      ]),
    ),
  ]),
);

function accountKeyword(normalised: string, options: KeywordOptions): KeywordEntry | undefined {
  const lists: readonly [KeywordKind, readonly string[] | undefined][] = [
    ['opt_out', options.optOut],
    ['opt_in', options.optIn],
    ['help', options.help],
  ];
  for (const [kind, words] of lists) {
    if (words?.some((w) => normaliseKeyword(w) === normalised) === true) {
      return { kind, keyword: normalised };
    }
  }
  return undefined;
}

function matchKeyword(normalised: string, options: KeywordOptions): KeywordEntry | undefined {
  const languages = options.languages ?? ALL_LANGUAGES;
  const candidates: KeywordEntry[] = [];
  for (const language of languages) {
    const hit = BUILTIN_BY_LANGUAGE.get(language)?.get(normalised);
    if (hit !== undefined) candidates.push(hit);
  }
  const account = accountKeyword(normalised, options);
  if (account !== undefined) candidates.push(account);
  // When a word is on two lists, opt-out wins, then opt-in, then help: a missed STOP is the costly error.
  for (const kind of KIND_ORDER) {
    const hit = candidates.find((c) => c.kind === kind);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Plain-language opt-outs (47 CFR 64.1200(a)(10): revocation "by any reasonable means").
// A message is cut into clauses (at . ! ? ; , : and line breaks), each clause is lower-cased,
// stripped of accents, apostrophes (don't → dont) and symbols. A rule is a verb + object pattern
// over one clause, optionally with a check of what follows the match in the clause (`tail`), a
// negation check of the three words before it, and a guard that vetoes it.
// ---------------------------------------------------------------------------------------------

/** One plain-language opt-out rule, as reported in `InboundClassification.phrase`. */
export interface OptOutPhraseRule {
  id: string;
  language: KeywordLanguage;
  /** What the rule recognises, for docs and the CLI. */
  description: string;
}

interface CompiledRule extends OptOutPhraseRule {
  pattern: RegExp;
  /** Reject the match when a negator stands in the three words before it ("don't stop sending"). */
  negatable: boolean;
  /** When set, every word after the match in the clause must be in this set (empty tail is fine). */
  tail?: ReadonlySet<string>;
  /** When set, a tail may also start with one of these words followed by words from `tail`. */
  tailLead?: ReadonlySet<string>;
  /** A clause matching this is never this rule's opt-out (the sender's own slip, e.g. "oops"). */
  guard?: RegExp;
  /** Only clauses up to this many characters are tried (keeps the filler rules cheap and exact). */
  maxLength?: number;
  /** A bare built-in keyword with filler: follows `KeywordOptions.languages` like the keyword lists. */
  keywordDerived?: boolean;
  /** Tried once on the whole message (its clauses joined), not clause by clause. */
  wholeMessage?: boolean;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter((w) => w !== ''));

/** Politeness and emphasis words that may surround a bare keyword ("stop please", "i said stop"). */
const FILLER_EN = String.raw`(?:please|pls|plz|plse|plez|pleas|now|right now|immediately|asap|thanks|thank you|thank u|thx|ty|already|just|ok|okay|it|this|that|all|again|for real|seriously|omg|god|damn|dammit|man|dude|bro|sir|maam|i said|i already said|ive said|i told you|i told you to|told you to|i asked you to|asked you to|can you|could you|would you|will you|can u|said|so|oh|ugh|for good|forever|period|guys|you guys)`;
const KEYWORD_EN = String.raw`(?:s+t+o+p+(?: all)?|stopall|unsubscribe|unsub|opt out|optout|revoke|remove|no more)`;
const FILLER_ES = String.raw`(?:por favor|porfa|porfavor|favor|gracias|ya|ahora|dije|ya dije|te dije|le dije|les dije)`;
const KEYWORD_ES = String.raw`(?:alto|parar|pare|paren|basta|detener|no mas|baja)`;
/**
 * Politeness only, for the per-se words that are also everyday verbs (quit, end, cancel): unlike
 * FILLER_EN it has no "it/this/that/ok/just", so "cancel that" or "end it" stay ordinary replies.
 */
const POLITE_EN = String.raw`(?:please|pls|plz|plse|pleas|thanks|thank you|thank u|thx|ty|now|right now|asap|immediately|already|again|for good|forever|i said|i already said|seriously)`;
const PER_SE_EN = String.raw`(?:quit|end|cancel|revoke|stop|stopall|unsubscribe|opt out|optout)`;
/** French politeness after accents and apostrophes are dropped: "s'il vous plaît" → "sil vous plait". */
const POLITE_FR = String.raw`(?:svp|stp|sil vous plait|sil te plait|merci|merci beaucoup|maintenant|tout de suite|immediatement|jai dit|je vous ai dit|deja)`;
const KEYWORD_FR = String.raw`(?:arret|arrete|arretez|arreter|stop|desabonner|desabonnement)`;

/** Nouns for the messages themselves. */
const MSG_NOUN = String.raw`(?:texts|txts|text messages|msgs|messages|sms|spam|alerts|notifications|reminders|promos|promotions)`;
const MSG_DETERMINERS = String.raw`(?:(?:all|the|these|this|those|your|ur|any|of|my|with|more|any more)\s+)*(?:(?:text|txt|sms|marketing|promo|promotional)\s+)?`;
/** Objects that stand for the person or the phone. */
const ME = String.raw`(?:me|us|my number|my phone number|my phone|my cell|my cell number|this number|this phone|my info|my information|my contact info|my name)`;

const TAIL_FILLERS = 'please pls plz thanks thank you thx ty now asap immediately again anymore any more ever at all here period permanently for good forever';
const LIST_WORDS = `${TAIL_FILLERS} me us your the this that these those it them ur of off out from all any future further texting text sms messaging mailing marketing contact call list lists texts messages msgs database system records contacts thread number phone`;

const LIST_WORD_SET = words(LIST_WORDS);
const NEGATORS_EN = words('dont not never cant cannot wont didnt shouldnt wouldnt doesnt isnt aint');
const NEGATORS_ES = words('no nunca jamas');
const NEGATORS_FR = words('ne pas jamais');
const NEGATORS: Readonly<Record<KeywordLanguage, ReadonlySet<string>>> = { en: NEGATORS_EN, es: NEGATORS_ES, fr: NEGATORS_FR };

const RULES: readonly CompiledRule[] = [
  {
    id: 'keyword_with_filler',
    language: 'en',
    description: 'an opt-out keyword (or "no more") with only politeness or emphasis around it: "STOP PLEASE", "i said stop", "can you please stop", "stoppp"',
    pattern: new RegExp(String.raw`^(?:${FILLER_EN}\s+)*${KEYWORD_EN}(?:\s+(?:${KEYWORD_EN}|${FILLER_EN}))*$`),
    negatable: false,
    maxLength: 80,
    keywordDerived: true,
  },
  {
    // 47 CFR 64.1200(a)(10): quit, end, cancel, revoke, stop, opt out, unsubscribe revoke per se;
    // CTIA Messaging Principles & Best Practices (2023) §5.1.3: honour ordinary opt-out language.
    id: 'per_se_word_with_politeness',
    language: 'en',
    description: 'the whole message is one of the FCC per-se words with only politeness around it: "please cancel", "quit please", "end please"',
    pattern: new RegExp(String.raw`^(?:${POLITE_EN}\s+)*${PER_SE_EN}(?:\s+(?:${PER_SE_EN}|${POLITE_EN}))*$`),
    negatable: false,
    maxLength: 80,
    keywordDerived: true,
    wholeMessage: true,
  },
  {
    // 47 CFR 64.1200(a)(10) names "revoke"; revoking consent in so many words is the plainest case.
    id: 'revoke_consent',
    language: 'en',
    description: 'revoke/revoking + consent or permission: "REVOKE CONSENT", "I revoke my consent"',
    pattern: /\brevok(?:e|es|ed|ing)\s+(?:(?:my|all|your|the|any|this|of)\s+)*(?:consent|permission|authori[sz]ation|subscription|opt\s*in)\b/g,
    negatable: true,
  },
  {
    id: 'stop_messaging',
    language: 'en',
    description: 'stop/quit + texting/messaging/contacting/sending/spamming: "stop texting me", "quit messaging me"',
    pattern: /\b(?:stop|stp|quit|cease)\s+(?:\w+\s+)?(?:texting|txting|texing|messaging|msging|contacting|spamming|bothering|harassing|sending)\b/g,
    negatable: true,
  },
  {
    id: 'stop_messages',
    language: 'en',
    description: 'stop/cancel/end + the messages: "stop the reminders", "cancel these text alerts"',
    pattern: new RegExp(String.raw`\b(?:stop|quit|cease|halt|end|cancel)\s+${MSG_DETERMINERS}${MSG_NOUN}\b`, 'g'),
    negatable: true,
  },
  {
    id: 'no_more_messages',
    language: 'en',
    description: '"no more" + the messages: "no more texts please"',
    pattern: new RegExp(String.raw`\bno\s+more\s+${MSG_DETERMINERS}(?:${MSG_NOUN}|texting|messaging)\b`, 'g'),
    negatable: false,
  },
  {
    id: 'dont_want_messages',
    language: 'en',
    description: 'not wanting the messages: "I don\'t want these texts", "no longer want to receive these", "I don\'t want to be contacted"',
    pattern: new RegExp(
      String.raw`\b(?:dont|do not|no longer)\s+(?:want|wish)\s+to\s+be\s+(?:contacted|texted|messaged)\b|\b(?:(?:dont|do not|no longer)\s+(?:want|need|wish|care)\s+(?:to\s+(?:get|receive)\s+)?|(?:id\s+)?rather\s+not\s+(?:get|receive)\s+)(?:${MSG_DETERMINERS}${MSG_NOUN}\b|(?:these|them|those|any|any more|anymore)$)`,
      'g',
    ),
    negatable: false,
  },
  {
    id: 'do_not_contact',
    language: 'en',
    description: 'a negated text/contact verb on me, ending the clause: "don\'t text me again", "do not contact me"',
    pattern: new RegExp(
      String.raw`\b(?:dont|do not|never|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?not)\s+(?:ever\s+)?(?:text|txt|message|msg|sms|contact|send|reach out to)\s+(?:me|us|it|this number|this line|this phone|my number|my phone|my cell)\b`,
      'g',
    ),
    negatable: false,
    tail: words(`${TAIL_FILLERS} on at this number these those texts messages msgs sms stuff either`),
  },
  {
    id: 'remove_me',
    language: 'en',
    description: 'remove/take/unsubscribe/lose + me or my number, optionally "off/from the list": "take me off your list", "lose my number"',
    pattern: new RegExp(String.raw`\b(?:remove|delete|take|drop|erase|unsubscribe|unsub|opt|scratch|get|lose|forget)\s+${ME}\b`, 'g'),
    negatable: true,
    tail: words(TAIL_FILLERS),
    tailLead: words('off from out of'),
  },
  {
    id: 'want_removed',
    language: 'en',
    description: 'asks to be removed/taken off/unsubscribed: "I\'d like to be removed from your texts"',
    pattern: /\b(?:to\s+be|be|get|been|being)\s+(?:removed|taken\s+off|unsubscribed|opted\s+out)\b/g,
    negatable: true,
    tail: words(TAIL_FILLERS),
    tailLead: words('off from out of'),
  },
  {
    id: 'want_out',
    language: 'en',
    description: 'a bare "I want out"',
    pattern: new RegExp(String.raw`^(?:i\s+)?(?:want|wanna)\s+out(?:\s+${FILLER_EN})*$`),
    negatable: false,
    maxLength: 40,
  },
  {
    id: 'opt_out_request',
    language: 'en',
    description: 'opt out / unsubscribe used in a sentence, about the messages: "I want to opt out", "how do I unsubscribe from these"',
    pattern: /\b(?:opt(?:ed|ing)?\s*out|optout|unsub\w*|unsu(?:sc|bc|bs|cr)\w*)\b/g,
    negatable: true,
    tail: words(TAIL_FILLERS),
    tailLead: words('of from me'),
  },
  {
    id: 'wrong_number',
    language: 'en',
    description: 'the recipient says the number is wrong: "wrong number", "you have the wrong person"',
    pattern: /\b(?:wrong|incorrect)\s+(?:number|num|phone|person|cell)\b/g,
    negatable: true,
    guard: /\b(?:oops|my bad|ignore)\b|\b(?:i|we)\s+(?:gave|sent|put|wrote|typed|listed|entered|had|texted|messaged)\b/,
  },
  {
    id: 'not_this_person',
    language: 'en',
    description: 'the number no longer belongs to the person: "this number is no longer Jim\'s"',
    pattern: /\b(?:this|that)\s+(?:is\s+)?(?:number|phone|cell)\s+(?:is\s+)?(?:no\s+longer|not|isnt|doesnt\s+belong)\b/g,
    negatable: false,
  },
  {
    id: 'leave_me_alone',
    language: 'en',
    description: 'an imperative "leave me alone" / "go away" / "f off" opening the clause',
    pattern: /^(?:(?:please|pls|plz|just|so|now|ok|okay|oh|man|and|then|omg|god|seriously)\s+)*(?:leave\s+(?:me|us)\s+alone|f+\s*off|fuck\w*\s+off|fck\s+off|fk\s+off|eff\s+off|piss\s+off|screw\s+off|go\s+away|get\s+lost)\b/g,
    negatable: true,
  },
  {
    id: 'never_consented',
    language: 'en',
    description: 'never asked for the messages: "I never signed up for this", "I didn\'t ask for these"',
    pattern: /\b(?:never|didnt|did not|dont remember)\s+(?:ever\s+)?(?:sign(?:ed)?\s+up|subscribed?|opt(?:ed)?\s+in|ask(?:ed)?|agreed?|consent(?:ed)?|g[ai]ve\s+(?:you\s+)?(?:my\s+number|permission))\b/g,
    negatable: false,
    tail: words(`${TAIL_FILLERS} me us texts messages msgs sms spam alerts stuff crap`),
    tailLead: words('for to'),
  },
  {
    id: 'keep_texting_complaint',
    language: 'en',
    description: 'complaint that the texts continue: "why do you keep texting me", "why are you still messaging me"',
    pattern: /\b(?:why|how come|wtf)(?:\s+\w+){0,4}?\s+(?:keep|keeps|still|continue)\s+(?:on\s+)?(?:texting|txting|messaging|msging|sending|contacting|spamming)\b/g,
    negatable: false,
  },
  {
    id: 'already_asked',
    language: 'en',
    description: 'refers to an earlier opt-out request: "I asked to be removed twice already"',
    pattern: /\b(?:asked|told\s+you|said|requested)\s+(?:you\s+)?(?:\w+\s+)?(?:to\s+)?(?:be\s+)?(?:removed|taken\s+off|unsubscribed|opted\s+out)\b/g,
    negatable: true,
  },
  {
    id: 'do_not_call_list',
    language: 'en',
    description: 'asks for the do-not-call/do-not-text list: "put me on your do not call list", "DNC"',
    pattern: /\b(?:do\s+not|dont)\s+(?:call|contact|text|txt|sms)\s+list\b|\bdnc\b/g,
    negatable: true,
  },
  {
    id: 'enough_messages',
    language: 'en',
    description: '"enough" + the messages: "enough with the texts"',
    pattern: new RegExp(String.raw`\benough\s+(?:with\s+)?${MSG_DETERMINERS}(?:${MSG_NOUN}|texting)\b`, 'g'),
    negatable: false,
  },
  {
    id: 'es_keyword_with_filler',
    language: 'es',
    description: 'a Spanish stop word with only politeness around it: "alto por favor", "ya basta", "no más"',
    pattern: new RegExp(String.raw`^(?:${FILLER_ES}\s+)*${KEYWORD_ES}(?:\s+(?:${KEYWORD_ES}|${FILLER_ES}))*$`),
    negatable: false,
    maxLength: 80,
    keywordDerived: true,
  },
  {
    // CANCELAR: Aivo (Spanish-language provider help centre); "por favor" is only politeness.
    id: 'es_cancelar_with_politeness',
    language: 'es',
    description: 'the whole message is CANCELAR with only politeness around it: "cancelar por favor"',
    pattern: new RegExp(String.raw`^(?:${FILLER_ES}\s+)*cancelar(?:\s+${FILLER_ES})*$`),
    negatable: false,
    maxLength: 80,
    keywordDerived: true,
    wholeMessage: true,
  },
  {
    id: 'es_no_enviar',
    language: 'es',
    description: '"no me manden/escriban (más)": "no me manden más mensajes"',
    pattern: /\bno\s+(?:me\s+|nos\s+)?(?:vuelvan\s+a\s+|vuelva\s+a\s+)?(?:manden|mande|mandes|mandarme|envien|envie|envies|enviarme|escriban|escriba|escribas|escribirme|textee|texteen|textees|textearme|contacten|contacte|contactarme|molesten|moleste|molestarme|mensajeen)\b/g,
    negatable: false,
    tail: words('mas mensajes mensajitos textos sms msjs nada por favor porfa gracias nunca otra vez ya a este numero aqui estos esos'),
  },
  {
    id: 'es_no_quiero',
    language: 'es',
    description: '"(ya) no quiero recibir mensajes"',
    pattern: /\bno\s+(?:quiero|queremos|deseo|deseamos)\s+(?:recibir|mas|que\s+me\s+(?:manden|envien|escriban))\s+(?:(?:mas|sus|estos|los|tus)\s+)*(?:mensajes|mensajitos|textos|sms|msjs)\b/g,
    negatable: false,
  },
  {
    id: 'es_dejar_de',
    language: 'es',
    description: '"dejen de / paren de" + mandar/escribir: "dejen de mandarme mensajes"',
    pattern: /\b(?:dejen|deje|deja|dejan|dejes|dejar|paren|pare|para)\s+de\s+(?:mandar|enviar|escribir|textear|molestar|contactar|mensajear)\w*/g,
    negatable: true,
  },
  {
    id: 'es_dar_de_baja',
    language: 'es',
    description: '"darme de baja": "quiero darme de baja", "denme de baja"',
    pattern: /\b(?:dar|darme|darnos|denme|deme|den|doy|damos|dan|de)\s+(?:me\s+)?de\s+baja\b/g,
    negatable: true,
  },
  {
    id: 'es_borrar_de_lista',
    language: 'es',
    description: '"bórrenme/sáquenme de su lista"',
    pattern: /\b(?:borr|quit|sac|elimin|remuev|remov)\w*\s+(?:mi\s+numero\s+)?de\s+(?:la|su|sus|tu|esta|esa)\s+(?:lista|listas|base\s+de\s+datos|sistema)\b/g,
    negatable: true,
  },
  {
    id: 'es_no_mas_mensajes',
    language: 'es',
    description: '"no más" + mensajes: "no más mensajes por favor"',
    pattern: /\bno\s+mas\s+(?:(?:estos|sus|los|tus)\s+)?(?:mensajes|mensajitos|textos|sms|msjs)\b/g,
    negatable: false,
  },
  {
    id: 'es_numero_equivocado',
    language: 'es',
    description: '"número equivocado"',
    pattern: /\b(?:numero\s+equivocado|numero\s+incorrecto|equivocado\s+de\s+numero|se\s+equivoco\s+de\s+numero)\b/g,
    negatable: true,
  },
  {
    // ARRET: AWS End User Messaging required opt-out list; ARRÊTE/ARRÊTEZ (imperative) and
    // "se désabonner" are ordinary French for stop/unsubscribe (unverified as provider keywords).
    id: 'fr_keyword_with_politeness',
    language: 'fr',
    description: 'the whole message is a French stop word (arrêt, arrête, arrêtez, se désabonner) or STOP with only politeness around it: "Arrête", "arrêtez svp", "STOP svp"',
    pattern: new RegExp(String.raw`^(?:${POLITE_FR}\s+)*${KEYWORD_FR}(?:\s+(?:${KEYWORD_FR}|${POLITE_FR}))*$`),
    negatable: false,
    maxLength: 80,
    keywordDerived: true,
    wholeMessage: true,
  },
  {
    id: 'fr_arreter_de',
    language: 'fr',
    description: '"arrêtez de m\'envoyer / m\'écrire / me contacter": "Arrêtez de m\'envoyer des messages"',
    pattern: /\barret(?:e|ez|er|es)?\s+de\s+(?:m|me|nous)?\s*(?:envoy|ecri|text|contact|derang|harcel|spam)\w*/g,
    negatable: true,
  },
  {
    id: 'fr_desabonner',
    language: 'fr',
    description: 'se désabonner / désinscrire: "je veux me désabonner", "désabonnez-moi"',
    pattern: /\b(?:desabonn|desinscri)\w*/g,
    negatable: true,
  },
];

/** Phrase ids of the misspelling rules (src/core/keyword-typos.ts), reported like the phrase rules. */
const TYPO_RULES: readonly OptOutPhraseRule[] = [
  { id: 'misspelt_keyword', language: 'en', description: 'a one-word reply one edit (or a 0 for an O) away from an opt-out keyword of four letters or more: "Stpo", "cancle", "st0p", "ARRETT"' },
  { id: 'spelled_out_keyword', language: 'en', description: 'an opt-out keyword spelled out letter by letter: "S T O P", "S.T.O.P", "s-t-o-p"' },
];

/** The plain-language opt-out rules, in the order they are tried (ids appear in `phrase`). */
export const OPT_OUT_PHRASE_RULES: readonly OptOutPhraseRule[] = [
  ...RULES.map(({ id, language, description }) => ({ id, language, description })),
  ...TYPO_RULES,
];

const CLAUSE_BREAK = /[.!?;,:\n\r]+|\s[-–—]+\s|[()"“”]/u;
const APOSTROPHES = /['’‘ʼ`´]/gu;
const NON_WORD = /[^\p{L}\p{N}\s]+/gu;

/** Splits a message into normalised clauses: lower case, no accents, no apostrophes, single spaces. */
function toClauses(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .split(CLAUSE_BREAK)
    .map((c) => c.replace(NON_WORD, ' ').replace(/\s+/g, ' ').trim())
    .filter((c) => c !== '');
}

function isNegated(before: string, negators: ReadonlySet<string>): boolean {
  const prev = before.trim().split(' ').slice(-3);
  return prev.some((w, i) => negators.has(w) && prev[i + 1] !== 'you' && prev[i + 1] !== 'u');
}

function tailAllowed(rest: string, rule: CompiledRule): boolean {
  if (rule.tail === undefined) return true;
  const tail = rest.trim().split(' ').filter((w) => w !== '');
  const allowed = rule.tail;
  if (tail.every((w) => allowed.has(w))) return true;
  const [lead, ...others] = tail;
  if (lead === undefined || rule.tailLead?.has(lead) !== true) return false;
  return others.every((w) => LIST_WORD_SET.has(w) || allowed.has(w));
}

function ruleMatches(rule: CompiledRule, clause: string): boolean {
  if (rule.maxLength !== undefined && clause.length > rule.maxLength) return false;
  if (rule.guard?.test(clause) === true) return false;
  const negators = NEGATORS[rule.language];
  const found = rule.pattern.global ? [...clause.matchAll(rule.pattern)] : [clause.match(rule.pattern)];
  for (const m of found) {
    if (m === null) continue;
    const start = m.index ?? 0;
    if (rule.negatable && isNegated(clause.slice(0, start), negators)) continue;
    if (!tailAllowed(clause.slice(start + m[0].length), rule)) continue;
    return true;
  }
  return false;
}

function matchPhrase(text: string, languages: readonly KeywordLanguage[]): CompiledRule | undefined {
  const clauses = toClauses(text);
  const whole = clauses.join(' ');
  return RULES.find(
    (rule) =>
      (rule.keywordDerived !== true || languages.includes(rule.language)) &&
      (rule.wholeMessage === true ? ruleMatches(rule, whole) : clauses.some((clause) => ruleMatches(rule, clause))),
  );
}


/**
 * Opt-out keywords a misspelling is compared with. Left out: REMOVE, ALTO, BAJA, PARAR, everyday
 * words with everyday neighbours one edit away (remote, also, auto, bajo, para, pagar).
 */
const NO_TYPO_MATCH: ReadonlySet<string> = new Set(['REMOVE', 'ALTO', 'BAJA', 'PARAR']);

const optOutWords = (language: KeywordLanguage): string[] =>
  BUILTIN_KEYWORDS.filter((k) => k.kind === 'opt_out' && k.language === language).map((k) => k.keyword);
/** Per language: opt-out keywords a spelled-out reply may be, and those a misspelt one is compared with. */
const SPELLED_TARGETS = new Map(ALL_LANGUAGES.map((l) => [l, optOutWords(l)]));
const TYPO_TARGETS = new Map(ALL_LANGUAGES.map((l) => [l, optOutWords(l).filter((w) => !NO_TYPO_MATCH.has(w))]));

/**
 * A one-token reply one edit away from an opt-out keyword ("Stpo", "cancle", "st0p"), or the
 * letters of one spelled out ("S T O P", "S.T.O.P"). Never applied inside a sentence.
 */
function matchTypo(normalised: string, languages: readonly KeywordLanguage[]): InboundClassification | undefined {
  const joined = spelledOut(normalised);
  for (const language of languages) {
    if (joined !== undefined) {
      if (SPELLED_TARGETS.get(language)?.includes(joined) === true) return { kind: 'opt_out_phrase', phrase: 'spelled_out_keyword', language };
    } else if (misspeltKeyword(normalised, TYPO_TARGETS.get(language) ?? []) !== undefined) {
      return { kind: 'opt_out_phrase', phrase: 'misspelt_keyword', language };
    }
  }
  return undefined;
}

/** Longest body inspected for phrases (Twilio's 1,600-character message limit); keeps the cost bounded. */
const MAX_PHRASE_TEXT = 1600;

/**
 * Classifies one inbound message. Whole-message keywords (after {@link normaliseKeyword}) give
 * `opt_out` / `opt_in` / `help` (CTIA 2023 §5.1.3; FCC 47 CFR 64.1200(a)(10) per-se words);
 * otherwise a message a reasonable person reads as "stop texting me" gives `opt_out_phrase`
 * (64.1200(a)(10): revocation by any reasonable means); otherwise `none`. `options.languages`
 * restricts the built-in keyword lists and the bare-keyword-with-filler rules; sentence rules
 * ("no me manden más mensajes", "stop texting me") always run in English and Spanish.
 */
export function classifyInbound(text: string, options: KeywordOptions = {}): InboundClassification {
  const normalised = normaliseKeyword(text);
  if (normalised === '') return { kind: 'none' };
  const keyword = matchKeyword(normalised, options);
  if (keyword !== undefined) {
    return keyword.language === undefined
      ? { kind: keyword.kind, keyword: keyword.keyword }
      : { kind: keyword.kind, keyword: keyword.keyword, language: keyword.language };
  }
  const languages = options.languages ?? ALL_LANGUAGES;
  const rule = matchPhrase(text.slice(0, MAX_PHRASE_TEXT), languages);
  if (rule !== undefined) return { kind: 'opt_out_phrase', phrase: rule.id, language: rule.language };
  return matchTypo(normalised, languages) ?? { kind: 'none' };
}
