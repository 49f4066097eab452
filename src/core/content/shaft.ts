/**
 * SHAFT content rules (sex, hate, alcohol, firearms, tobacco). Carriers forbid or require age-gating
 * and approval for these categories: CTIA Messaging Principles & Best Practices (May 2023) §5.3.1;
 * Twilio "Forbidden message categories" and errors 30873/30874/30458; T-Mobile Code of Conduct
 * Sev-0 tier 3 ($500) for SHAFT without the required controls (aggregator notices,
 * docs/content-rules.md). Terms are word-bounded and carry context so that
 * "Essex", "screenshot", "Scotch tape", "glue gun" or "do not drink alcohol" do not fire.
 */
import type { Reason } from '../types.js';
import type { CodeReport, ContentRule, RuleTable } from './match.js';
import { HATE_REPORT as HATE, HATE_RULES } from './hate.js';
import { runRules } from './match.js';

/** Negation just before a term: "avoid wine", "do not drink alcohol", "quit smoking cigarettes". */
const NEGATED = /\b(?:no|not|avoid|avoiding|without|refrain from|abstain from|don't|never|quit|quitting|stop)\b(?:\W+[\w']+){0,2}\W*$/i;
const FREE_AFTER = /^[\s-]*free\b/i;

const TIER3_FIX = 'Remove the SHAFT term, or register an age-gated campaign approved by the carriers for this content.';

function report(code: CodeReport['code'], category: string): CodeReport {
  return {
    code,
    severity: 'block',
    sev0Tier: 3,
    message: (label, span) => `Mentions ${label} ("${span.text}"): ${category} content is a SHAFT category that US carriers block or require age-gating for.`,
    fix: TIER3_FIX,
  };
}

/** content.shaft.sex: explicit or adult-service terms; "sex" alone only outside clinical/legal phrases. */
export const SEX_RULES: readonly ContentRule[] = [
  {
    id: 'shaft.sex.explicit',
    label: 'explicit sexual content',
    pattern:
      /\b(?:porn(?:o|ography|ographic)?|xxx[ -]?(?:\w+ )?(?:videos?|vids?|movies?|pics?|photos?|content|sites?|chat)|nsfw|erotica?|fetish(?:es)?|orgasms?|horny|sexting|sext|cam ?girls?|onlyfans|milfs?|dogging|hardcore (?:porn|sex|videos?|pics?|services?|content|chat))\b/gi,
    anchors: ['porn', 'xxx', 'nsfw', 'erotic', 'fetish', 'orgasm', 'horny', 'sext', 'cam', 'onlyfans', 'milf', 'dogging', 'hardcore'],
  },
  {
    id: 'shaft.sex.adult_service',
    label: 'an adult service',
    pattern:
      /\b(?:(?:meet|date|chat (?:to|with)) (?:someone |a )?(?:sexy|naughty|horny)|naughty (?:chat|pics?|photos?|girls?|singles|wives)|rude (?:chat|pics?|photos?|time)|sexy ?chat|adult (?:parties|18)|sexy (?:singles|girls?|guys|babes?|chat|pics?|photos?|videos?|ladies|women|men|time|fun|cams?)|talk sexy|hot singles|(?:casual|discreet|local) (?:sex|hook-?ups?|encounters?|flings?)|hook-?ups? tonight|get laid|one[- ]night stands?|adult (?:content|chat|videos?|movies?|entertainment|sites?|toys?|dating|services?)|phone sex|escorts? (?:service|agency|agencies|in|near)|escort(?:ing)? services?|call girls?|strip ?clubs?|nude (?:pics?|photos?|videos?|selfies?|girls?|women|models?)|naked (?:pics?|photos?|videos?|selfies?|girls?|women|men)|send nudes|filthy (?:stories|chat|talk|pics?|photos?|girls?|videos?)|(?:hot|sexy|naughty) babes|babes? (?:videos?|pics?|photos?|cams?)|adult (?:pics?|photos?|images?)|satisfy (?:men|women|guys|girls)|feeling (?:horny|randy))\b/gi,
    anchors: ['sex', 'naughty', 'horny', 'rude', 'adult', 'singles', 'hook', 'encounter', 'fling', 'laid', 'stand', 'escort', 'girl', 'strip', 'nude', 'naked', 'filthy', 'babe', 'satisfy', 'feeling'],
  },
  {
    id: 'shaft.sex.solicitation',
    label: 'a sexual come-on from a stranger',
    pattern: /\b(?:sexy|horny)\b/gi,
    requires: [/\b(?:live (?:local|near(?:by)?|in your (?:area|town))|in your (?:area|town)|near (?:you|u)|female|luv|my pi(?:x|cs?)|(?:love|like) to (?:chat|meet|hear)|have a chat)\b/i],
    anchors: ['sex', 'horny'],
  },
  {
    id: 'shaft.sex.term',
    label: 'a sexual term',
    pattern: /(?<!same[- ])\b(?:sex|sexual)\b(?!\s*(?:education|ed\b|offenders?|registry|trafficking|discrimination|harassment|abuse|assault|health|[:=/]))/gi,
    // Clinical forms ("your sex and date of birth") and anti-discrimination notices ("on the basis
    // of race, religion, sex"), which fair-housing and equal-opportunity texts must carry.
    unlessBefore: /\b(?:your|patient's|patients'|biological|birth|gender (?:and|or)|(?:basis|because) of|based on)\s*$|\b(?:race|religion|colou?r|creed|national origin|age|disability)\s*[,/]\s*(?:[\w ]+[,/]\s*){0,3}(?:or\s+|and\s+)?$/i,
    anchors: ['sex'],
  },
];

export { HATE_RULES } from './hate.js';

/** content.shaft.alcohol: alcoholic drinks and alcohol promotions; "alcohol" alone (e.g. pre-procedure advice) does not fire. */
export const ALCOHOL_RULES: readonly ContentRule[] = [
  {
    id: 'shaft.alcohol.drink',
    label: 'an alcoholic drink or alcohol promotion',
    pattern:
      /\b(?:beers?|wines?|liquors?|vodka|whiske?y|tequila|bourbon|rum|gin|scotch|champagne|prosecco|cocktails?|margaritas?|mimosas?|sangria|hard (?:seltzers?|cider|liquor)|mezcal|cognac|brewery|breweries|winery|wineries|brewpub|happy hour|open bar|booze|boozy|pub crawl|bar crawl|byob|kegs?|kegger|lager|alcohol(?:ic)? (?:delivery|drinks?|beverages?|specials?|sale|deals?))\b/gi,
    unlessBefore: new RegExp(`${NEGATED.source}|\\b(?:root|ginger|shrimp|cotton|fruit|butter)\\s*$`, 'i'),
    unlessAfter: /^[\s-]*(?:free\b|(?:and|&|n) dine\b|tape|dress(?:es)?\b|attire|sauce|rummy|eggs?\b|colou?r|gold\b|glass(?:es)?\b|bonnet)/i,
    anchors: ['beer', 'wine', 'liquor', 'vodka', 'whisk', 'tequila', 'bourbon', 'rum', 'gin', 'scotch', 'champagne', 'prosecco', 'cocktail', 'margarita', 'mimosa', 'sangria', 'seltzer', 'cider', 'mezcal', 'cognac', 'brew', 'happy', 'bar', 'booz', 'pub', 'byob', 'keg', 'lager', 'alcohol'],
  },
];

/** content.shaft.firearms: firearms, ammunition and gun sales; tools and toys named "gun" do not fire. */
export const FIREARMS_RULES: readonly ContentRule[] = [
  {
    id: 'shaft.firearms.weapon',
    label: 'firearms or ammunition',
    pattern:
      /\b(?:guns?|firearms?|handguns?|rifles?|shotguns?|pistols?|revolvers?|ammo|ammunition|ar-?15s?|ak-?47s?|glocks?|concealed carry|ccw (?:class|permit|course)|bump stocks?)\b/gi,
    unlessBefore:
      /\b(?:glue|nail|heat|spray|staple|massage|water|squirt|nerf|toy|top|caulk(?:ing)?|grease|paint|radar|foam|airbrush|tattoo|smoking|glitter|bubble|starting|price|sun|hot|jump(?:s|ed|ing)? the|laser|solder(?:ing)?|tape|label|pressure|soap|cap|bb|dart)\s*$/i,
    unlessAfter: /^[\s-]*(?:metal|gr[ae]y|tape)\b/i,
    anchors: ['gun', 'firearm', 'handgun', 'rifle', 'shotgun', 'pistol', 'revolver', 'ammo', 'ar-', 'ar1', 'ak-', 'ak4', 'glock', 'concealed', 'ccw', 'bump'],
  },
];

/** content.shaft.tobacco: tobacco, vape and nicotine products; cessation programmes and "-free" do not fire. */
export const TOBACCO_RULES: readonly ContentRule[] = [
  {
    id: 'shaft.tobacco.product',
    label: 'tobacco, vape or nicotine products',
    pattern:
      /\b(?:tobacco|cigarettes?|cigs|cigars?|cigarillos?|e-?cigs?|e-?cigarettes?|vapes?|vaping|vape (?:shop|juice|pens?)|e-?juice|e-?liquids?|juul|nicotine|hookahs?|shisha|snus|smoke shops?|rolling papers)\b/gi,
    unlessBefore: new RegExp(`${NEGATED.source}|\\banti-?\\s*$|\\b(?:stop|quit(?:ting)?) smoking\\b.*$`, 'i'),
    unlessAfter: new RegExp(`${FREE_AFTER.source}|^\\s*(?:cessation|patch(?:es)?|gum|replacement|withdrawal)\\b`, 'i'),
    anchors: ['tobacco', 'cig', 'ecig', 'vap', 'juice', 'ejuice', 'liquid', 'eliquid', 'juul', 'nicotine', 'hookah', 'shisha', 'snus', 'smoke', 'rolling'],
  },
];

const SEX = report('content.shaft.sex', 'Sexual');
const ALCOHOL = report('content.shaft.alcohol', 'Alcohol');
const FIREARMS = report('content.shaft.firearms', 'Firearms');
const TOBACCO = report('content.shaft.tobacco', 'Tobacco');

/** SHAFT tables (sex, hate, alcohol, firearms, tobacco, in report order) for checkContent. */
export const SHAFT_TABLES: readonly RuleTable[] = [
  { rules: SEX_RULES, report: SEX },
  { rules: HATE_RULES, report: HATE },
  { rules: ALCOHOL_RULES, report: ALCOHOL },
  { rules: FIREARMS_RULES, report: FIREARMS },
  { rules: TOBACCO_RULES, report: TOBACCO },
];

/** SHAFT reasons for `text` (`norm` is `normalise(text)`). Source: CTIA P&BP 2023 §5.3.1; T-Mobile Sev-0 tier 3. */
export function checkShaft(text: string, norm: string): Reason[] {
  return [
    ...runRules(text, norm, SEX_RULES, SEX),
    ...runRules(text, norm, HATE_RULES, HATE),
    ...runRules(text, norm, ALCOHOL_RULES, ALCOHOL),
    ...runRules(text, norm, FIREARMS_RULES, FIREARMS),
    ...runRules(text, norm, TOBACCO_RULES, TOBACCO),
  ];
}
