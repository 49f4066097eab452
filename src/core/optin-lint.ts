/**
 * Opt-in / call-to-action linter: checks that an SMS sign-up form or CTA text carries what carriers
 * require before they approve a campaign (CTIA Messaging Principles & Best Practices 2023 §5.1.1–5.1.2;
 * TCR/carrier 10DLC campaign review) and what prior express written consent needs for marketing
 * (47 CFR 64.1200(f)(9): clear authorisation, not a condition of purchase). HTML is parsed with
 * parse5 (WHATWG-conformant, so the tree is the one a browser builds); plain text is read as is.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { PURPOSE_PATTERN } from './optin-purpose.js';
import type { Span } from './types.js';

type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** The parts of an opt-in the linter looks for. */
export const OPT_IN_ELEMENTS = [
  'brand',
  'description',
  'rates',
  'frequency',
  'help',
  'stop',
  'privacy',
  'terms',
  'not_condition_of_purchase',
  'consent_checkbox',
  'separate_consent',
] as const;
export type OptInElement = (typeof OPT_IN_ELEMENTS)[number];

/** One finding; an element may have several (a checkbox both pre-checked and required). */
export interface OptInFinding {
  element: OptInElement;
  status: 'present' | 'missing' | 'problem';
  message: string;
  fix?: string;
  /** Where in the checked text/HTML (UTF-16 indices into the input). */
  span?: Span;
}

export interface OptInLintResult {
  /** True when nothing is missing and nothing is a problem. */
  ok: boolean;
  format: 'html' | 'text';
  findings: OptInFinding[];
}

export interface OptInLintOptions {
  /** The brand or program name the form must show; without it a heuristic looks for one. */
  brandName?: string;
  /**
   * Whether the program sends marketing. Default true (the strict reading): "consent is not a
   * condition of purchase" is then required (47 CFR 64.1200(f)(9)).
   */
  marketing?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Text checks
// ---------------------------------------------------------------------------------------------

interface TextCheck {
  element: Exclude<OptInElement, 'brand' | 'privacy' | 'terms' | 'consent_checkbox' | 'separate_consent'>;
  pattern: RegExp;
  /** Skip matches inside the brand name: "Acme Deals" does not say the texts are about deals. */
  outsideBrand?: boolean;
  present: string;
  missing: string;
  fix: string;
}

const TEXT_CHECKS: readonly TextCheck[] = [
  {
    element: 'description',
    pattern: PURPOSE_PATTERN,
    outsideBrand: true,
    present: 'The form says what the texts are about.',
    missing: 'The form does not say what the texts will be about.',
    fix: 'Describe the messages, e.g. "appointment reminders and new-listing alerts" (CTIA 2023 §5.1.1; Twilio error 30544).',
  },
  {
    element: 'rates',
    pattern:
      /\b(?:(?:msg|message|messaging|sms|text)\s*(?:&|and|\+|\/)\s*data|data|msg|message|messaging|text(?:ing)?|carrier|standard(?:\s+(?:msg|message|text))?)\s+(?:rates?|charges?|fees?)\s+(?:may|might|will|could|can)?\s*apply\b|\bcargos\s+de\s+(?:msjs?|mensajes?)\s+y\s+datos\s+(?:pueden|podr[ií]an)\s+aplicar/iu,
    present: 'The form says message and data rates may apply.',
    missing: 'The form does not say "Msg & data rates may apply".',
    fix: 'Add "Msg & data rates may apply." (CTIA 2023 §5.1.2).',
  },
  {
    element: 'frequency',
    pattern:
      /\b(?:msg|message|messaging|text)s?\s+(?:frequency|freq\.?)\s+(?:varies|may\s+vary|will\s+vary|vary)|\bfrequency\s+varies|\b(?:up\s+to\s+)?\d+\s*(?:msgs?|messages?|texts?)\s*(?:\/|per|a|each|every)\s*(?:day|week|wk|month|mo|mth|year)\b|\brecurring\s+(?:automated\s+)?(?:marketing\s+)?(?:msgs?|messages?|texts?|alerts?)|\bfrecuencia\s+(?:de\s+)?(?:msjs?|mensajes?)\s+var[ií]a|\b\d+\s*msjs?\s*\/\s*(?:mes|d[ií]a)/iu,
    present: 'The form states the message frequency.',
    missing: 'The form does not state how often texts are sent.',
    fix: 'Add "Msg frequency varies." or "Up to 4 msgs/mo." (CTIA 2023 §5.1.1).',
  },
  {
    element: 'help',
    pattern: /\b(?:reply|text|txt|send|env[ií]e|env[ií]a)\s+(?:the\s+word\s+|la\s+palabra\s+)?["'“‘]?(?:help|ayuda)["'”’]?(?=[\s.,;:!)]|$)/iu,
    present: 'The form tells people how to get help (HELP).',
    missing: 'The form does not say "Reply HELP for help".',
    fix: 'Add "Reply HELP for help." (CTIA 2023 §5.1.2; carrier campaign review).',
  },
  {
    element: 'stop',
    pattern:
      /\b(?:reply|text|txt|send|env[ií]e|env[ií]a)\s+(?:the\s+word\s+|la\s+palabra\s+)?["'“‘]?(?:stop|end|cancel|unsubscribe|quit|alto)["'”’]?(?=[\s.,;:!)]|$)|\bstop\s+to\s+(?:cancel|opt[\s-]?out|unsubscribe|end|quit)\b/iu,
    present: 'The form tells people how to opt out (STOP).',
    missing: 'The form does not say how to opt out.',
    fix: 'Add "Reply STOP to opt out." (CTIA 2023 §5.1.2; 47 CFR 64.1200(a)(10)).',
  },
  {
    element: 'not_condition_of_purchase',
    pattern:
      /\bnot\s+(?:a\s+)?(?:condition|required|requirement)\s+(?:of|for|to)\s+(?:any\s+|a\s+|mak(?:e|ing)\s+(?:a\s+|any\s+)?)?(?:purchas\w*|buy\w*|service|services|use|using)\b|\bno\s+purchase\s+(?:is\s+)?(?:necessary|required)\b/iu,
    present: 'The form says consent is not a condition of purchase.',
    missing: 'The form does not say that consent is not a condition of purchase.',
    fix: 'Add "Consent is not a condition of purchase." (47 CFR 64.1200(f)(9), required for marketing texts).',
  },
];

/** Generic words that follow "from"/"by" but are not a brand. */
const NOT_A_BRAND = new Set(
  'Us Our You Your The This That Time Reply Text Texts Msg Message Messages Checking Clicking Providing Submitting Entering Signing Email SMS Phone Mobile Terms Privacy Policy Our Team'.split(' '),
);
const BRAND_AFTER = /\b(?:from|by)\s+((?:The\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:&|of|and|\p{Lu}[\p{L}\p{N}&'’.-]*))*)/gu;

// ---------------------------------------------------------------------------------------------
// Extracted view of the input: visible text with a map back to the input, links, checkboxes.
// ---------------------------------------------------------------------------------------------

interface Piece {
  /** Start of this piece in `text`. */
  at: number;
  length: number;
  /** Where it came from in the input. */
  srcStart: number;
  srcEnd: number;
  /** True when the piece is byte-for-byte the input (no entities), so offsets map one to one. */
  exact: boolean;
}

interface Link {
  text: string;
  href: string;
  span?: Span;
}

interface Checkbox {
  label: string;
  checked: boolean;
  required: boolean;
  span?: Span;
}

interface View {
  format: 'html' | 'text';
  source: string;
  text: string;
  pieces: Piece[];
  links: Link[];
  checkboxes: Checkbox[];
  hasPhoneField: boolean;
}

/**
 * Bounds on the HTML we parse. A real sign-up form has a few hundred tags nested a dozen deep; the
 * label search walks up a checkbox's ancestors, so its cost grows with the square of the depth
 * (5,000 nested tags took 3.5 s), and the tree walks recurse once per level.
 */
export const OPT_IN_MAX_TAGS = 2_000;
export const OPT_IN_MAX_DEPTH = 64;

/** Thrown by lintOptIn for HTML past OPT_IN_MAX_TAGS or OPT_IN_MAX_DEPTH: the caller's input, not a bug. */
export class OptInFormTooLarge extends RangeError {
  override name = 'OptInFormTooLarge';
}

const START_TAG = /<[A-Za-z]/g;

function countStartTags(source: string): number {
  let n = 0;
  START_TAG.lastIndex = 0;
  while (START_TAG.exec(source) !== null) n++;
  return n;
}

/** The deepest element nesting of a parsed tree, without recursion. */
function treeDepth(root: ParentNode): number {
  let max = 0;
  const stack: { node: ParentNode; depth: number }[] = [{ node: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    max = Math.max(max, item.depth);
    for (const child of item.node.childNodes) if ('childNodes' in child) stack.push({ node: child, depth: item.depth + 1 });
  }
  return max;
}

const HTML_HINT = /<\s*(?:!doctype|html|body|form|input|label|p|div|span|a|br|ul|li|section|button|fieldset)\b/i;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function spanOf(source: string, el: Element): Span | undefined {
  const loc = el.sourceCodeLocation?.startTag ?? el.sourceCodeLocation;
  if (loc === undefined || loc === null) return undefined;
  return { start: loc.startOffset, end: loc.endOffset, text: source.slice(loc.startOffset, loc.endOffset) };
}

function textContent(node: ParentNode): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text' && 'value' in child) out += child.value;
    else if ('childNodes' in child && !SKIPPED.has(child.nodeName)) out += ` ${textContent(child)} `;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function elements(node: ParentNode, out: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if ('tagName' in child) {
      out.push(child);
      if (!SKIPPED.has(child.tagName)) elements(child, out);
    }
  }
  return out;
}

function checkboxLabel(box: Element, all: readonly Element[]): string {
  const aria = attr(box, 'aria-label');
  if (aria !== undefined && aria.trim() !== '') return aria;
  const labelledBy = attr(box, 'aria-labelledby');
  if (labelledBy !== undefined) {
    const ids = labelledBy.split(/\s+/);
    const text = all.filter((e) => ids.includes(attr(e, 'id') ?? '')).map(textContent).join(' ');
    if (text !== '') return text;
  }
  const id = attr(box, 'id');
  if (id !== undefined) {
    const forLabel = all.find((e) => e.tagName === 'label' && attr(e, 'for') === id);
    if (forLabel !== undefined) return textContent(forLabel);
  }
  // Wrapping <label>, else the nearest ancestor with text (e.g. <div><input> I agree…</div>).
  for (let p = box.parentNode; p !== null && 'tagName' in p; p = p.parentNode) {
    const text = textContent(p);
    if (p.tagName === 'label' || text !== '') return text;
  }
  return '';
}

function htmlView(source: string): View {
  const tags = countStartTags(source);
  if (tags > OPT_IN_MAX_TAGS) {
    throw new OptInFormTooLarge(`the form has ${String(tags)} tags; at most ${String(OPT_IN_MAX_TAGS)} are checked (send the form itself, not the whole page)`);
  }
  const doc = parse(source, { sourceCodeLocationInfo: true });
  // html > body are two levels of every document; count from the body
  const depth = treeDepth(doc) - 2;
  if (depth > OPT_IN_MAX_DEPTH) {
    throw new OptInFormTooLarge(`the form's elements nest ${String(depth)} levels deep; at most ${String(OPT_IN_MAX_DEPTH)} are checked`);
  }
  const pieces: Piece[] = [];
  let text = '';
  const walk = (node: ParentNode): void => {
    for (const child of node.childNodes) {
      if (child.nodeName === '#text' && 'value' in child) {
        const loc = child.sourceCodeLocation;
        if (loc === undefined || loc === null || child.value.trim() === '') continue;
        text += text === '' ? '' : ' ';
        pieces.push({
          at: text.length,
          length: child.value.length,
          srcStart: loc.startOffset,
          srcEnd: loc.endOffset,
          exact: source.slice(loc.startOffset, loc.endOffset) === child.value,
        });
        text += child.value;
      } else if ('tagName' in child && !SKIPPED.has(child.tagName)) {
        walk(child);
      }
    }
  };
  walk(doc);
  const all = elements(doc);
  const links = all
    .filter((e) => e.tagName === 'a')
    .map((a) => ({ text: textContent(a), href: attr(a, 'href') ?? '', span: spanOf(source, a) }));
  const inputs = all.filter((e) => e.tagName === 'input');
  const checkboxes = inputs
    .filter((e) => attr(e, 'type')?.toLowerCase() === 'checkbox')
    .map((box) => ({
      label: checkboxLabel(box, all),
      checked: attr(box, 'checked') !== undefined,
      required: attr(box, 'required') !== undefined || attr(box, 'aria-required') === 'true',
      span: spanOf(source, box),
    }));
  const hasPhoneField = inputs.some((e) => {
    const type = attr(e, 'type')?.toLowerCase();
    const name = `${attr(e, 'name') ?? ''} ${attr(e, 'id') ?? ''} ${attr(e, 'autocomplete') ?? ''}`;
    return type === 'tel' || /phone|mobile|cell|\btel\b/i.test(name);
  });
  return { format: 'html', source, text, pieces, links, checkboxes, hasPhoneField };
}

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"')]+|\b[\w-]+(?:\.[\w-]+)+\/[^\s<>"')]*/giu;

function textView(source: string): View {
  const links: Link[] = [];
  for (const m of source.matchAll(URL_IN_TEXT)) {
    // The words just before a bare URL act as its link text ("Privacy Policy: https://…").
    const before = source.slice(Math.max(0, m.index - 40), m.index);
    links.push({ text: before, href: m[0], span: { start: m.index, end: m.index + m[0].length, text: m[0] } });
  }
  const pieces = [{ at: 0, length: source.length, srcStart: 0, srcEnd: source.length, exact: true }];
  return { format: 'text', source, text: source, pieces, links, checkboxes: [], hasPhoneField: false };
}

/** Maps a range of `view.text` back to the input (to the whole text node when entities shift offsets). */
function sourceSpan(view: View, start: number, end: number): Span {
  const piece = view.pieces.find((p) => start >= p.at && start <= p.at + p.length);
  if (piece !== undefined && !piece.exact) {
    const literal = view.text.slice(start, end);
    const at = view.source.indexOf(literal, piece.srcStart);
    if (at >= 0 && at + literal.length <= piece.srcEnd) return { start: at, end: at + literal.length, text: literal };
  }
  const toSource = (i: number, edge: 'start' | 'end'): number => {
    const piece = view.pieces.find((p) => i >= p.at && i <= p.at + p.length);
    if (piece === undefined) return i;
    if (piece.exact) return piece.srcStart + (i - piece.at);
    return edge === 'start' ? piece.srcStart : piece.srcEnd;
  };
  const s = toSource(start, 'start');
  const e = Math.max(s, toSource(end, 'end'));
  return { start: s, end: e, text: view.source.slice(s, e) };
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/** Where the brand name is in `view.text`: every occurrence of `brandName`, else the names the heuristic finds. */
function brandRanges(view: View, brandName: string | undefined): [number, number][] {
  const ranges: [number, number][] = [];
  const wanted = brandName?.trim().toLowerCase() ?? '';
  if (wanted !== '') {
    const lower = view.text.toLowerCase();
    for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) ranges.push([at, at + wanted.length]);
    return ranges;
  }
  for (const m of view.text.matchAll(BRAND_AFTER)) {
    const name = m[1] ?? '';
    const start = m.index + m[0].indexOf(name);
    ranges.push([start, start + name.length]);
  }
  return ranges;
}

function checkText(view: View, check: TextCheck, brand: readonly [number, number][]): OptInFinding {
  const global = new RegExp(check.pattern.source, check.pattern.flags.includes('g') ? check.pattern.flags : `${check.pattern.flags}g`);
  for (const m of view.text.matchAll(global)) {
    const end = m.index + m[0].length;
    if (check.outsideBrand === true && brand.some(([s, e]) => m.index >= s && end <= e)) continue;
    return { element: check.element, status: 'present', message: check.present, span: sourceSpan(view, m.index, end) };
  }
  return { element: check.element, status: 'missing', message: check.missing, fix: check.fix };
}

function checkBrand(view: View, brandName: string | undefined): OptInFinding {
  if (brandName !== undefined && brandName.trim() !== '') {
    const at = view.text.toLowerCase().indexOf(brandName.trim().toLowerCase());
    return at < 0
      ? {
          element: 'brand',
          status: 'missing',
          message: `The brand "${brandName}" does not appear on the form.`,
          fix: `Name the sender: "…text messages from ${brandName}…" (CTIA 2023 §5.1.1).`,
        }
      : { element: 'brand', status: 'present', message: `The form names ${brandName}.`, span: sourceSpan(view, at, at + brandName.trim().length) };
  }
  for (const m of view.text.matchAll(BRAND_AFTER)) {
    const name = (m[1] ?? '').replace(/^The\s+/, '').replace(/[.\s]+$/, '');
    const first = name.split(/\s+/)[0] ?? '';
    if (name === '' || NOT_A_BRAND.has(first)) continue;
    const start = m.index + m[0].indexOf(name);
    return {
      element: 'brand',
      status: 'present',
      message: `The form appears to name the sender "${name}" (heuristic; pass brandName to check exactly).`,
      span: sourceSpan(view, start, start + name.length),
    };
  }
  return {
    element: 'brand',
    status: 'missing',
    message: 'No brand or program name found (heuristic: a capitalised name after "from" or "by").',
    fix: 'Name the sender, e.g. "I agree to receive text messages from Acme Realty" (CTIA 2023 §5.1.1).',
  };
}

function checkLink(view: View, element: 'privacy' | 'terms'): OptInFinding {
  const wanted = element === 'privacy' ? /privacy/i : /\bterms\b|conditions|\btos\b|terms[-_]|\/terms/i;
  const label = element === 'privacy' ? 'privacy policy' : 'terms and conditions';
  const link = view.links.find((l) => wanted.test(l.text) || wanted.test(l.href));
  const fix = `Link to the ${label} with a plain link (not a pop-up) next to the consent (CTIA 2023 §5.1.1; carrier campaign review).`;
  if (link === undefined) {
    const mentioned = wanted.exec(view.text);
    return mentioned === null
      ? { element, status: 'missing', message: `No link to the ${label}.`, fix }
      : {
          element,
          status: 'problem',
          message: `The ${label} is mentioned but not linked.`,
          fix,
          span: sourceSpan(view, mentioned.index, mentioned.index + mentioned[0].length),
        };
  }
  if (view.format === 'html' && /^\s*(?:#|javascript:|$)/i.test(link.href)) {
    return { element, status: 'problem', message: `The ${label} link does not lead to a page (href "${link.href}").`, fix, span: link.span };
  }
  return { element, status: 'present', message: `The form links to the ${label}.`, span: link.span };
}

const MENTIONS_TEXTS = /\b(?:sms|texts?|texting|txts?|text\s+messages?|mobile\s+messages?|msgs?)\b/i;
const MENTIONS_EMAIL = /\be-?mails?\b/i;

function checkCheckboxes(view: View): OptInFinding[] {
  const smsBoxes = view.checkboxes.filter((c) => MENTIONS_TEXTS.test(c.label));
  if (smsBoxes.length === 0) {
    return [
      {
        element: 'consent_checkbox',
        status: 'missing',
        message: view.hasPhoneField
          ? 'The form collects a phone number but has no checkbox for SMS consent; entering a number is not consent.'
          : 'No checkbox for SMS consent found.',
        fix: 'Add an unchecked, optional checkbox whose label is the SMS consent text (CTIA 2023 §5.1.2).',
      },
    ];
  }
  const findings: OptInFinding[] = [];
  for (const box of smsBoxes) {
    const base = { element: 'consent_checkbox' as const, ...(box.span === undefined ? {} : { span: box.span }) };
    let fine = true;
    if (box.checked) {
      fine = false;
      findings.push({ ...base, status: 'problem', message: 'The SMS consent checkbox is pre-checked.', fix: 'Remove the `checked` attribute: consent must be an affirmative act (CTIA 2023 §5.1.2).' });
    }
    if (box.required) {
      fine = false;
      findings.push({
        ...base,
        status: 'problem',
        message: 'The SMS consent checkbox is required to submit the form, which makes consent a condition of the purchase or service.',
        fix: 'Remove `required`: texts consent must be optional (47 CFR 64.1200(f)(9)).',
      });
    }
    if (MENTIONS_EMAIL.test(box.label)) {
      findings.push({
        ...base,
        element: 'separate_consent',
        status: 'problem',
        message: 'One checkbox asks for both email and text consent.',
        fix: 'Use a separate checkbox for SMS consent; consent for email does not cover texts (CTIA 2023 §5.1.2).',
      });
    } else {
      findings.push({ ...base, element: 'separate_consent', status: 'present', message: 'SMS consent has its own checkbox.' });
    }
    if (fine) findings.push({ ...base, status: 'present', message: 'An optional, unchecked SMS consent checkbox is present.' });
  }
  return findings;
}

/**
 * Lints an SMS opt-in form (HTML) or call-to-action (plain text) for the disclosures carriers
 * require (CTIA Messaging Principles & Best Practices 2023 §5.1.1–5.1.2: brand, description,
 * frequency, "Msg & data rates may apply", HELP, STOP, terms and privacy links; TCR/carrier campaign
 * review) and, for marketing, 47 CFR 64.1200(f)(9) ("not a condition of purchase"). In HTML it also
 * checks the SMS consent checkbox: present, not pre-checked, not required, not shared with email.
 * Throws OptInFormTooLarge for HTML past OPT_IN_MAX_TAGS tags or OPT_IN_MAX_DEPTH levels.
 */
export function lintOptIn(textOrHtml: string, options: OptInLintOptions = {}): OptInLintResult {
  const view = HTML_HINT.test(textOrHtml) ? htmlView(textOrHtml) : textView(textOrHtml);
  const marketing = options.marketing ?? true;
  const brand = brandRanges(view, options.brandName);
  const findings: OptInFinding[] = [
    checkBrand(view, options.brandName),
    ...TEXT_CHECKS.filter((c) => marketing || c.element !== 'not_condition_of_purchase').map((c) => checkText(view, c, brand)),
    checkLink(view, 'privacy'),
    checkLink(view, 'terms'),
    ...(view.format === 'html' ? checkCheckboxes(view) : []),
  ];
  return { ok: findings.every((f) => f.status === 'present'), format: view.format, findings };
}
