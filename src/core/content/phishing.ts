/**
 * Phishing, smishing and social-engineering patterns, plus prize and premium-rate scams.
 * Sources: CTIA P&BP 2023 §5.3.1 (deceptive, fraudulent content); T-Mobile Code of Conduct Sev-0
 * tier 1 ($2,000: phishing, smishing, social engineering), us-rules.md C11; FTC consumer guidance
 * (gift-card payment demands, fake package-delivery fees, IRS/SSA impersonation: the IRS does not
 * start contact by text). Each rule pairs a lure with context (a link, a fee, a claim action) so a
 * bank's "never share your PIN" or a store's "claim your reward points" does not fire.
 */
import type { Reason } from '../types.js';
import { BRAND_ANCHORS, BRAND_NAME, BRAND_NAME_CS, brandNamed, brandsIn, hasOffBrandLink } from './brands.js';
import type { CodeReport, ContentRule, RuleTable } from './match.js';
import { runRules } from './match.js';
import { findLinks } from './urls.js';

/** A link in the text: scheme, www., or a bare domain on a common TLD. */
const LINK =
  /(?:https?:\/\/|\bwww\.|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|co|io|info|biz|us|uk|me|ly|xyz|top|site|online|link|click|app|to|gl|gd|cc|ws|tk|ml|ga|cf|gq|ru|cn|live|shop|support)\b)/i;
const LINK_OR_WORD = new RegExp(`${LINK.source}|\\b(?:link|click|tap) (?:below|here)\\b`, 'i');
const CREDENTIAL_VERB = /\b(?:verify|confirm|validate|restore|unlock|re-?activate|log ?in|sign ?in|click|tap|visit|go to)\b/i;
const CREDENTIAL =
  /\b(?:verify|validate|log ?in|sign ?in|password|passcode|pin|ssn|social security|credentials|bank(?:ing)? (?:details|info)|card (?:details|number)|account (?:details|information|info))\b/i;
const PRIZE = /(?:\b(?:claim|collect|redeem|prize|cash|reward|voucher|award|bonus|gift ?card|draw|holiday|cruise|free)\b|[£$€]\s?\d)/i;
const CLAIM_ACTION = /\b(?:claim|collect|redeem|call|ring|txt|text|reply|visit|click|go to|send|dial)\b/i;
const WIN_CONTEXT = /\b(?:won|winner|winning|selected|awarded|guaranteed|congratulations|congrats|lucky|prize draw)\b/i;
/** Prize or unanswered-offer context for a "we tried to contact you" text (not "your claim" or "your award": insurers and colleges send those). */
const FAKE_CONTACT_LURE =
  /\b(?:(?:your|ur) (?:reply|response) to (?:our|an?|the) (?:offer|sms|text|msg|message|ad|promotion)|prizes?|winner|winnings|(?:you|u) (?:have |ve |'ve )?won|free (?:phone|handset|mobile|fone|camcorder|gift|holiday|cruise|vacation))\b/i;
/** A free, new or upgraded handset on offer ("a new video phone", "latest camera mobiles", "had your phone 11 months?"). */
const DEVICE_OFFER =
  /\b(?:free|new|latest|upgrade[ds]?|update)\s+(?:[\w&-]+\s+){0,3}?(?:phones?|handsets?|fones?|mobiles?|camcorders?)\b|\b(?:phones?|handsets?|mobiles?|fones?)\s+(?:\d\s+)?(?:for\s+)?free\b|\bhad your (?:phone|mobile|handset)\b/i;
/** A call instruction followed within four words by a phone number of 9+ digits. */
const CALL_NUMBER = /\b(?:call|ring|dial|phone)\b(?:\W+[\w']+){0,4}?\W+\+?\d[\d -]{7,}\d/i;
const NOT_ASKING = /\b(?:never|not|won't|will not|don't|do not)\b(?:\W+[\w']+){0,4}\W*$/i;
const PREMIUM_CHARGE =
  /(?:\b\d{1,3}(?:\.\d{1,2})?\s?(?:p|pence)\s?(?:\/|per\s)?\s?(?:msg|sms|min|minute|wk|week|day|txt|text|call|mt|tone|pic|logo|poly)\b|\b\d+(?:\.\d\d)?\s?GBP\b|\b\d{2,3}\s?pp[mw]\b|(?:£|\bGBP\s?)\d+(?:\.\d\d)?\s?(?:\/|per\s|to\s)\s?(?:msg|min|minute|wk|week|day|txt|text|call|month|mnth|rcv|rcvd|receive|\d+ days)\b|\b\d+\.\d\d\s?per\s(?:msg|txt|text|min|minute)\b|\b(?:billed|charged|cost(?:s|ing)?|chg)\s+(?:of\s+|just\s+|only\s+)?(?:£\s?\d+(?:[.,]\d\d)?|\d+(?:\.\d\d)?\s?(?:p|pence|gbp)\b)|£\s?\d+[.,]\d\d\s?\/|\bgbp\s?\/\s?(?:sms|msg|txt|text)\b|\d{1,3}(?:\.\d{1,2})?(?:p|pence)\s?(?:\/|per\s|a\s)\s?(?:msg|sms|txt|text|min|minute|call|wk|week|day|rcvd?|received|tone|pic|logo)\b|\d\s?gbp\s?(?:\/|per\s)\s?(?:mnth|month|wk|week|day|msg|sms|txt|text|min)\b)/i;
/** Costs that only premium-rate SMS services state: pence/pound charges, "150ppm", or a free-entry competition. */
const PREMIUM_COST = new RegExp(`${PREMIUM_CHARGE.source}|\\bfree entry\\b|(?:£|\\bGBP\\s?)\\d|\\b\\d{2,3}p\\b`, 'i');

/**
 * Prefilter for the premium-cost patterns: every PREMIUM_CHARGE / PREMIUM_COST match contains "£",
 * "gbp", "free entry", or a digit then "p" (optionally after a space) that is not a clock "pm".
 */
const PREMIUM_GATE = /£|gbp|free entry|\d\s?p(?!m\b)/i;

const FOUR_DIGITS = /\d{4}/;

const KEYWORD_TO_SHORTCODE = /\b(?:txt|text|send|reply)\s+(?:the word\s+|word:?\s+)?["']?[A-Za-z0-9]+(?:\s[A-Z0-9]+)?["']?\s+(?:to|2)\s+(?:no:?\s+)?\d{4,6}\b/i;

/**
 * A payment or verification lure as smishing words it (FTC smishing guidance: unpaid tolls, parcel
 * redelivery fees, locked accounts, pending transfers, refunds): the brand-impersonation context.
 */
const BRAND_LURE =
  /\b(?:verify|validate|confirm (?:your|ur|the|this) (?:address|identity|details|information|info|account|payment|card)|update (?:your|ur|the) (?:address|details|information|info|billing|payment|card|account)|unpaid|overdue|outstanding|balance|locked|suspended|restricted|frozen|on hold|pending|declined|refund|redeliver\w*|re-deliver\w*|customs|dut(?:y|ies)|penalt(?:y|ies)|late fees?|fines?|fees?|unlock|restore|reactivate|re-activate|claim|cancel|sign ?in|log ?in|expir\w+|unable to deliver|could not be delivered|return(?:ed)? to sender|eligible|not you)\b/i;

/** The brand is the apparent sender (named near the start) or owns the thing at stake ("your Zelle payment"). */
function brandAsSender(norm: string, start: number, end: number): boolean {
  const brand = brandNamed(norm.slice(start, end));
  if (brand === undefined) return false;
  if (start >= 40 && !/\b(?:your|ur|from)\s+$/i.test(norm.slice(Math.max(0, start - 6), start))) return false;
  return hasOffBrandLink(norm, [brand]);
}

/** None of the brands the text names owns one of its links (with no brand named: it has a link). */
function offBrand(norm: string): boolean {
  return hasOffBrandLink(norm, brandsIn(norm));
}

/** A toll agency's own domain or any .gov host, for texts that name no agency. */
const TOLL_BRANDS = brandsIn('E-ZPass SunPass FasTrak TxTag');

/** content.phishing rule table. */
export const PHISHING_RULES: readonly ContentRule[] = [
  {
    id: 'phishing.account_suspended',
    label: 'an account-suspended lure with a link to verify',
    pattern:
      /\b(?:your|ur)\s+(?:[\w-]+\s+){0,2}?(?:account|card|apple id|id|password|access|profile|membership|subscription|wallet)\s+(?:has been|have been|was|is|will be|is being)\s+(?:temporarily\s+|permanently\s+)?(?:suspended|locked|disabled|deactivated|restricted|frozen|blocked|compromised|on hold|limited)\b/gi,
    requires: [CREDENTIAL_VERB, LINK_OR_WORD],
    // "click here" with no link still counts; a link counts unless it is the named brand's own.
    accept: (norm) => findLinks(norm).length === 0 || offBrand(norm),
    anchors: ['suspended', 'locked', 'disabled', 'deactivated', 'restricted', 'frozen', 'blocked', 'compromised', 'hold', 'limited'],
  },
  {
    id: 'phishing.credentials',
    label: 'a request for a password, PIN, SSN or card details',
    pattern:
      /\b(?:confirm|verify|validate|provide|send|submit|re-?enter|reply with|text us)\s+(?:us\s+)?(?:your|ur)\s+(?:full\s+)?(?:password|passcode|pin(?: number| code)?|ssn|social security(?: number)?|card (?:number|details|info(?:rmation)?)|(?:bank|banking) (?:details|info(?:rmation)?|account(?: number| details)?|login)|login (?:details|info|credentials)|credentials|account (?:number|details|credentials)|cvv|security (?:code|questions?)|routing number|online banking)\b/gi,
    unlessBefore: NOT_ASKING,
    anchors: ['password', 'passcode', 'pin', 'ssn', 'social', 'card', 'bank', 'login', 'credentials', 'account', 'cvv', 'security', 'routing', 'online'],
  },
  {
    id: 'phishing.prize_won',
    label: 'a "you have won" prize lure',
    pattern:
      /\b(?:(?:you|u)(?:'ve|'re| have| are| r| ve)?|ur|(?:your|ur) (?:mobile |phone )?(?:number|no\.?|num)(?: has| was)?)\s+(?:just\s+|already\s+|been\s+|may be\s+|maybe\s+|might be\s+|could be\s+)*(?:won|awarded|entitled to|(?:selected|chosen) (?:to|for)\b|eligible for (?:a )?(?:free|cash|prize)|selected (?:to receive|as (?:a|our) winner|for (?:a|our) (?:prize|reward|cash))|(?:a|the|our) (?:lucky |guaranteed )?winner)\b(?!')|\b(?:today is )?your lucky day\b/gi,
    requires: [PRIZE, CLAIM_ACTION],
    anchors: ['won', 'awarded', 'entitled', 'selected', 'chosen', 'eligible', 'winner', 'lucky'],
  },
  {
    id: 'phishing.final_attempt',
    label: 'a "final attempt to contact you" pressure tactic',
    pattern: /\b(?:final|last|2nd|second|3rd|third) (?:attempt|try|time we(?: have|'ve)? tried) (?:to )?(?:contact|reach)(?:ing)? (?:you|u)\b/gi,
    requires: [CLAIM_ACTION],
    anchors: ['final', 'last', '2nd', 'second', '3rd', 'third'],
  },
  {
    id: 'phishing.claim_prize',
    label: 'a prize-claim lure',
    pattern: /\bclaim (?:your |ur |the |a |this |yr )?(?:[\w£$€,.]+ ){0,2}(?:prize|reward|award|cash|voucher|bonus|gift|winnings|holiday|cruise)\b/gi,
    requires: [WIN_CONTEXT],
    anchors: ['claim'],
  },
  {
    id: 'phishing.premium_competition',
    label: 'a text-to-win competition with premium charges',
    pattern: /\b(?:txt|text|send|reply)\s+(?:the word\s+|word:?\s+|(?:your|ur|her|his|their|the)\s+(?:first\s+|last\s+)?)?["']?[A-Za-z0-9]+["']?\s+(?:to|2)\s+(?:no:?\s+)?\d{5}\b/gi,
    requires: [/\b(?:win|won|prize|draw|comp|competition|quiz|cash)\b/i, PREMIUM_COST],
    anchors: ['win', 'won', 'prize', 'draw', 'comp', 'quiz', 'cash'],
    gates: [PREMIUM_GATE],
  },
  {
    id: 'phishing.premium_sms',
    label: 'a premium-rate text subscription',
    pattern: new RegExp(KEYWORD_TO_SHORTCODE.source, 'gi'),
    requires: [PREMIUM_COST],
    sev0Tier: 3,
    anchors: ['txt', 'text', 'send', 'reply'],
    gates: [PREMIUM_GATE, FOUR_DIGITS],
  },
  {
    id: 'phishing.premium_content',
    label: 'a premium mobile-content subscription (ringtones, tones)',
    pattern: /\b(?:ringtones?|(?:poly(?:phonic)?|mono|real|true|top) tones?|(?:free|latest|weekly) tones|tone club)\b/gi,
    requiresAny: [
      PREMIUM_COST,
      KEYWORD_TO_SHORTCODE,
      /\b(?:club|subscription|subscribed|subscribe|weekly|every week|ordered|download)\b/i,
      /\b(?:[Rr][Ee][Pp][Ll][Yy]|[Tt][Xx][Tt]|[Tt][Ee][Xx][Tt]|[Ss][Ee][Nn][Dd])\s+["']?[A-Z]{2,}\b/,
    ],
    sev0Tier: 3,
    anchors: ['ringtone', 'tone'],
  },
  {
    id: 'phishing.premium_number',
    label: 'a premium-rate or revenue-sharing phone number',
    pattern: /(?<![\d+])(?:09\d{2}[\s-]?\d{3}[\s-]?\d{3,4}|08(?:4[345]|7[0-3])[\s-]?\d{3}[\s-]?\d{3,4}|070[\s-]?\d{4}[\s-]?\d{4}|(?:\+?1[\s.-]?)?\(?900\)?[\s.-]?\d{3}[\s.-]?\d{4})(?!\d)/g,
    gates: [/0(?:9|8[47]|70)|900/],
  },
  {
    id: 'phishing.premium_charge',
    label: 'premium-rate message charges',
    pattern: new RegExp(PREMIUM_CHARGE.source, 'gi'),
    sev0Tier: 3,
    gates: [PREMIUM_GATE],
  },
  {
    id: 'phishing.urgent_credentials',
    label: 'an urgent demand to log in or verify through a link',
    pattern:
      /\b(?:urgent(?:ly)?|immediately|act now|right away|within (?:12|24|48) (?:hours|hrs)|final (?:notice|warning)|last warning|expires? today|will be (?:suspended|closed|terminated|locked|deleted))\b/gi,
    requires: [LINK, CREDENTIAL],
    accept: offBrand,
    anchors: ['urgent', 'immediately', 'act', 'away', 'within', 'final', 'last', 'expire', 'suspended', 'closed', 'terminated', 'locked', 'deleted'],
  },
  {
    id: 'phishing.delivery_fee',
    label: 'a fake delivery-fee lure',
    pattern:
      /\b(?:package|parcel|shipment|delivery)\s+(?:\S+\s+){0,5}?(?:(?:is|was|has been|being)\s+)?(?:held|on hold|could not be delivered|couldn't be delivered|undeliverable|failed|suspended|unable to be delivered|cannot be delivered|awaiting (?:payment|customs))\b/gi,
    requires: [/(?:\b(?:fee|pay|payment|customs|duty|duties|postage|redelivery charge)\b|[£$€]\s?\d)/i, LINK],
    anchors: ['package', 'parcel', 'shipment', 'delivery'],
  },
  {
    id: 'phishing.gift_card_request',
    label: 'a request to buy gift cards and send the codes',
    pattern: /\b(?:buy|purchase|pick up|get me|grab)\s+(?:\S+\s+){0,4}?(?:gift ?cards?|itunes cards?|google play cards?|steam cards?|apple cards?|amazon cards?)\b/gi,
    requires: [/\b(?:send|text|email|reply|scratch)\b(?:\W+[\w']+){0,4}?\W+(?:codes?|pins?|numbers?|pictures?|photos?|pics?)\b/i],
    anchors: ['gift', 'itunes', 'google', 'steam', 'apple', 'amazon'],
  },
  {
    id: 'phishing.gift_card_payment',
    label: 'a demand for payment in gift cards',
    pattern: /\b(?:pay|paid|payment)\s+(?:\S+\s+){0,3}?(?:with|in|using|via|by)\s+(?:\S+\s+){0,2}?gift ?cards?\b/gi,
    anchors: ['gift'],
  },
  {
    id: 'phishing.government_impersonation',
    label: 'a government-agency threat or refund lure',
    pattern: /\b(?:irs|internal revenue service|social security administration|medicare|us marshals?|u\.s\. marshals?|fbi)\b/gi,
    requires: [
      /\b(?:warrant|arrest(?:ed)?|lawsuit|legal action|suspended|penalt(?:y|ies)|back taxes|unclaimed|verify|call (?:us )?(?:back )?immediately|final notice|refund (?:is )?(?:pending|waiting|available))\b/i,
    ],
    anchors: ['irs', 'internal', 'administration', 'medicare', 'marshal', 'fbi'],
  },
  {
    id: 'phishing.suspicious_activity',
    label: 'a fake security alert with a link',
    pattern: /\b(?:unusual|suspicious|unauthori[sz]ed|fraudulent)\s+(?:activity|sign-?in|log-?in|login|transaction|charges?|access|purchase|attempt)\b/gi,
    requires: [LINK, CREDENTIAL_VERB],
    accept: offBrand,
    anchors: ['unusual', 'suspicious', 'unauthori', 'fraudulent'],
  },
  {
    id: 'phishing.fake_prior_contact',
    label: 'a "we tried to contact you" lure about a prize or an offer you never answered',
    pattern: /\b(?:we|i)(?:'ve| have)?\s+(?:tried|been trying|attempted)\s+to\s+(?:call|contact|reach|get hold of)\s+(?:you|u)\b/gi,
    requires: [FAKE_CONTACT_LURE, CLAIM_ACTION],
    anchors: ['tried', 'trying', 'attempted'],
  },
  {
    id: 'phishing.voucher_claim',
    label: 'a "dear voucher holder" claim lure',
    pattern: /\b(?:voucher|coupon|prize|reward|gift ?card|certificate)\s?holders?\b/gi,
    requires: [/\b(?:claim|redeem|collect)\b/i, /(?:\b(?:offer|prize|reward|cash|gift|link)\b|[£$€]\s?\d|https?:\/\/|\bwww\.)/i],
    anchors: ['voucher', 'coupon', 'prize', 'reward', 'gift', 'certificate'],
  },
  {
    id: 'phishing.free_handset_offer',
    label: 'an unsolicited free-phone or minutes/texts upgrade offer with a call-now number',
    pattern:
      /\b(?:\d{2,4}|double|unlimited|free)\s+(?:(?:free|anytime|any|cross|ntwk|network|networks|inclusive|weekend|video)\s+){0,4}(?:mins|minutes|txts?|texts|text messages|text msgs|calls)\b|\b(?:half[- ]price\s+)?line ?rental\b/gi,
    requires: [DEVICE_OFFER, CALL_NUMBER],
    sev0Tier: 3,
    // Every DEVICE_OFFER match holds one of these words (the bundle words are too common in business texts).
    anchors: ['phone', 'handset', 'fone', 'mobile', 'camcorder'],
  },
  {
    id: 'phishing.unpaid_toll',
    label: 'an unpaid-toll lure with a link that is not a toll agency\'s',
    pattern:
      /\b(?:unpaid|outstanding|overdue|past due)\s+tolls?(?:\s+(?:balance|invoice|bill|charges?|fees?))?\b|\btoll\s+(?:balance|invoice|bill|charges?|payment)\s+(?:of\s+\S+\s+)?(?:is\s+|was\s+)?(?:overdue|unpaid|outstanding|past due)\b/gi,
    requires: [LINK, /\b(?:pay|settle|avoid|fee|fees|penalt(?:y|ies))\b/i],
    accept: (norm) => hasOffBrandLink(norm, TOLL_BRANDS),
    anchors: ['toll'],
  },
  {
    id: 'phishing.redelivery_fee',
    label: 'a parcel redelivery, customs or shipping-balance fee with a link that is not the carrier\'s',
    pattern:
      /\b(?:re-?delivery|redeliver)\s+(?:fee|charge|payment)s?\b|\bcustoms\s+(?:fee|duty|duties|charge)s?\b|\bshipping\s+balance\b|\bpostage\s+(?:due|balance)\b|\b(?:unable|failed) to deliver your (?:package|parcel|shipment)\b|\bincomplete (?:street )?address\b/gi,
    accept: offBrand,
    anchors: ['redelivery', 're-delivery', 'redeliver', 'customs', 'shipping', 'postage', 'unable', 'failed', 'incomplete'],
  },
  {
    id: 'phishing.ssn_suspended',
    label: 'a "your Social Security number is suspended" threat',
    // The SSA does not suspend Social Security numbers (FTC consumer alert on SSA impersonation).
    pattern:
      /\b(?:social security (?:number|#|no\.?)|ssn)\s+(?:has been|is|was|will be|is being)\s+(?:temporarily\s+)?(?:suspended|blocked|frozen|compromised|cancell?ed|deactivated|revoked)\b/gi,
    anchors: ['social', 'ssn'],
  },
  {
    id: 'phishing.family_emergency',
    label: 'a "new number, send money" family-emergency lure',
    pattern: /\b(?:this is my new (?:number|phone|cell)|(?:lost|broke|dropped|cracked) my phone|my phone (?:broke|died|is broken))\b/gi,
    requires: [/\b(?:send|transfer|wire|venmo|zelle|lend)\b[^.?!]{0,40}(?:\$\s?\d|money|cash|funds)/i],
    anchors: ['new number', 'new phone', 'new cell', 'lost', 'broke', 'dropped', 'cracked', 'phone broke', 'phone died', 'phone is broken'],
  },
  {
    id: 'phishing.brand_impersonation',
    label: 'a bank, carrier, toll agency or government body with a payment or verification lure and a link to another domain',
    pattern: BRAND_NAME,
    requires: [BRAND_LURE],
    accept: brandAsSender,
    fallback: true,
    anchors: BRAND_ANCHORS,
  },
  {
    id: 'phishing.brand_impersonation_cs',
    label: 'a bank, carrier, toll agency or government body with a payment or verification lure and a link to another domain',
    pattern: BRAND_NAME_CS,
    requires: [BRAND_LURE],
    accept: brandAsSender,
    fallback: true,
    anchors: ['ups', 'chase', 'jpmorgan'],
  },
];

const PHISHING: CodeReport = {
  code: 'content.phishing',
  severity: 'block',
  sev0Tier: 1,
  message: (label, span) => `Looks like ${label} ("${span.text}"): phishing and social-engineering content is blocked by carriers and risks a T-Mobile tier-1 fine.`,
  fix: 'Rewrite the message: never ask for credentials or payment by text, name your business, and link only to your own domain.',
};

/** content.phishing reasons. Source: CTIA P&BP 2023 §5.3.1; T-Mobile Sev-0 tier 1. */
export function checkPhishing(text: string, norm: string): Reason[] {
  return runRules(text, norm, PHISHING_RULES, PHISHING);
}

/** content.phishing table (rules and report) for checkContent. */
export const PHISHING_TABLE: RuleTable = { rules: PHISHING_RULES, report: PHISHING };
