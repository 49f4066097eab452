/**
 * Cannabis, CBD, illegal drugs and prescription drugs offered without a prescription. These must be
 * legal federally and in all 50 states to be texted: Twilio "Forbidden message categories"
 * (illegal substances: cannabis, CBD, prescription drugs; errors 30459/30861); CTIA P&BP 2023
 * §5.3.1 (unlawful content); T-Mobile Code of Conduct Sev-0 tier 2 ($1,000, illegal content),
 * us-rules.md C11. A pharmacy's refill reminder naming a drug does not fire: only offers to sell
 * controlled or prescription drugs, or "no prescription needed" with a drug context, do.
 */
import type { Reason } from '../types.js';
import type { CodeReport, ContentRule, RuleTable } from './match.js';
import { runRules } from './match.js';

const CONTROLLED =
  '(?:xanax|oxy(?:contin|codone)|percocet|vicodin|adderall|valium|tramadol|viagra|cialis|hydrocodone|codeine|ambien|klonopin|ativan|opioids?|painkillers?)';

const CONTROLLED_ANCHORS = ['xanax', 'oxy', 'percocet', 'vicodin', 'adderall', 'valium', 'tramadol', 'viagra', 'cialis', 'hydrocodone', 'codeine', 'ambien', 'klonopin', 'ativan', 'opioid', 'painkiller'];

/** content.cannabis rule table. */
export const CANNABIS_RULES: readonly ContentRule[] = [
  {
    id: 'cannabis.term',
    label: 'cannabis or CBD',
    pattern:
      /\b(?:cannabis|marijuana|marihuana|thc|cbd|delta[- ]?[89]|kratom|dispensar(?:y|ies)|edibles|pre-?rolls?|ganja|kush|psilocybin|magic mushrooms?|shrooms|hemp (?:oil|gummies|flower|extract|tinctures?))\b/gi,
    anchors: ['cannabis', 'marijuana', 'marihuana', 'thc', 'cbd', 'delta', 'kratom', 'dispensar', 'edibles', 'preroll', 'roll', 'ganja', 'kush', 'psilocybin', 'mushroom', 'shroom', 'hemp'],
  },
  {
    id: 'cannabis.weed',
    label: 'cannabis slang',
    pattern: /\bweed\b/gi,
    unlessBefore: /\b(?:pull|pulling|lawn|garden|kill|killing|remove|removing|spray|spraying|broadleaf|crab|tumble|sea|chick|milk|duck|knot|rag|pond)\s*$/i,
    unlessAfter: /^[\s-]*(?:control|killers?|and feed|& feed|n feed|prevention|treatments?|removal|whackers?|eaters?|barriers?|free|fabric|cloth|block|spray|season)\b/i,
    anchors: ['weed'],
  },
  {
    id: 'cannabis.illicit_drug',
    label: 'an illegal drug',
    pattern: /\b(?:cocaine|heroin|meth(?:amphetamine)?|fentanyl|mdma|lsd|ketamine|ecstasy pills?)\b/gi,
    anchors: ['cocaine', 'heroin', 'meth', 'fentanyl', 'mdma', 'lsd', 'ketamine', 'ecstasy'],
  },
  {
    id: 'cannabis.no_prescription',
    label: 'drugs without a prescription',
    pattern: /\b(?:no|without(?: a| any)?)\s+(?:prescription|rx|doctor's (?:visit|note|approval))(?:\s+(?:needed|required|necessary))?\b/gi,
    requires: [new RegExp(`\\b(?:pills?|meds|medications?|drugs?|tablets?|${CONTROLLED})\\b`, 'i')],
    anchors: ['prescription', 'rx', 'doctor'],
  },
  {
    id: 'cannabis.controlled_sale',
    label: 'an offer to sell prescription drugs',
    pattern: new RegExp(`\\b(?:buy|order|cheap|discount(?:ed)?|purchase)\\s+(?:[\\w$%]+\\s+){0,2}?${CONTROLLED}\\b`, 'gi'),
    anchors: CONTROLLED_ANCHORS,
  },
];

const CANNABIS: CodeReport = {
  code: 'content.cannabis',
  severity: 'block',
  sev0Tier: 2,
  message: (label, span) =>
    `Mentions ${label} ("${span.text}"): content that is not legal federally and in every state is forbidden on US messaging and risks a T-Mobile tier-2 fine.`,
  fix: 'Remove the reference; cannabis, CBD and prescription-drug sales cannot be sent over US SMS/MMS.',
};

/** content.cannabis reasons. Source: Twilio forbidden categories; T-Mobile Sev-0 tier 2. */
export function checkCannabis(text: string, norm: string): Reason[] {
  return runRules(text, norm, CANNABIS_RULES, CANNABIS);
}

/** content.cannabis table (rules and report) for checkContent. */
export const CANNABIS_TABLE: RuleTable = { rules: CANNABIS_RULES, report: CANNABIS };
