/**
 * High-risk financial services: payday and short-term high-interest loans, debt relief,
 * consolidation and credit repair, cryptocurrency, get-rich-quick and guaranteed-return schemes.
 * Source: Twilio "Forbidden message categories for SMS and MMS in the US and Canada" (high-risk
 * financial services; debt collection or forgiveness; get-rich-quick) and errors 30863/30464;
 * CTIA P&BP 2023 §5.3.1. Sev-0: these are carrier-forbidden but not per se illegal, so Clearsend
 * tags them tier 3 ("other violations"); see docs/content-rules.md. A mortgage pre-approval or a
 * bank's own loan notice does not fire: the bare word "loan" is never a trigger.
 */
import type { Reason } from '../types.js';
import type { CodeReport, ContentRule, RuleTable } from './match.js';
import { runRules } from './match.js';

/** content.high_risk_finance rule table. */
export const FINANCE_RULES: readonly ContentRule[] = [
  {
    id: 'finance.payday',
    label: 'payday or short-term high-interest lending',
    pattern:
      /\b(?:payday (?:loans?|advances?|lenders?)|(?:car |auto )?title loans?|cash advance (?:loans?|today|now|online)|(?:same[- ]day|instant|fast|quick|emergency|easy) (?:cash|loans?)|short[- ]term (?:cash )?loans?|(?:bad|poor|no) credit(?: history| score)?,? (?:ok|okay|no problem|accepted|welcome|loans?)|no credit checks?|guaranteed (?:loan )?(?:approval|approved|loans?)|loans? for any purpose|(?:personal |cash |fast |quick |easy )?loans? (?:of |from )?up to [£$€]\s?\d[\d,]*|(?:been|previously|ever been) (?:refused|declined|turned down) (?:for )?(?:a )?(?:loans?|credit|finance)|(?:refused|declined|turned down) (?:for )?(?:a )?(?:loan|credit|finance)(?=\?)|(?:can't|cannot|can not) get (?:credit|a loan))\b/gi,
    unlessAfter: /^\s*back\b/i,
    anchors: ['payday', 'title', 'advance', 'cash', 'loan', 'credit', 'guaranteed', 'finance'],
  },
  {
    id: 'finance.debt_relief',
    label: 'debt relief or credit repair',
    pattern:
      /\b(?:debt (?:relief|consolidation|settlement|forgiveness|reduction|negotiation)|consolidate (?:your |all )?(?:\w+ ){0,2}debts?|(?:reduce|eliminate|erase|wipe out|get rid of|slash) (?:your |all )?(?:\w+ ){0,2}debts?|credit (?:repair|restoration)|(?:repair|fix|restore) (?:your |bad )?credit(?: score)?|student loan (?:forgiveness|relief|consolidation))\b/gi,
    anchors: ['debt', 'credit', 'loan'],
  },
  {
    id: 'finance.crypto',
    label: 'cryptocurrency or speculative trading',
    pattern: /\b(?:crypto(?:currenc(?:y|ies))?|bitcoins?|ethereum|dogecoin|altcoins?|nfts?|forex|binary options|memecoins?)\b/gi,
    anchors: ['crypto', 'bitcoin', 'ethereum', 'dogecoin', 'altcoin', 'nft', 'forex', 'binary', 'memecoin'],
  },
  {
    id: 'finance.get_rich',
    label: 'a get-rich-quick or guaranteed-return offer',
    pattern:
      /\b(?:get[- ]rich[- ]quick|make (?:money|cash) fast|(?:earn|make) (?:up to )?[£$€]\s?\d[\d,.]*k?\+? (?:a|per|every|each) (?:day|week)(?: (?:from home|working from home|online))|(?:double|triple) your (?:money|investment|income|bitcoin)|guaranteed (?:returns?|profits?|income|roi|payouts?)|risk[- ]free (?:investments?|returns?|profits?|trading)|(?:no|zero) risk investments?|work from home (?:and|&) (?:earn|make))\b/gi,
    anchors: ['rich', 'money', 'cash', 'home', 'online', 'investment', 'income', 'bitcoin', 'guaranteed', 'risk'],
  },
  {
    id: 'finance.cash_advance',
    label: 'a cash advance or payday-style loan',
    // Card statements mention "cash advance APR/fee/limit": those terms do not fire.
    pattern: /\b(?:(?:merchant |instant |paycheck |payroll )?cash advances?|loans? (?:till|until|before) (?:payday|your next paycheck)|(?:advance|loan) on your (?:next )?pay ?check)\b/gi,
    unlessAfter: /^\s*(?:apr|fees?|rates?|limits?|balance|interest|transactions? (?:are|is) not)\b/i,
    anchors: ['merchant', 'instant', 'paycheck', 'payroll', 'cash', 'loan', 'advance'],
  },
  {
    id: 'finance.crypto_presale',
    label: 'a token presale or a promise of multiplied returns',
    // Source: Twilio error 30464 and forbidden categories (cryptocurrency); SEC investor alerts on
    // crypto presales and pump-and-dump promotions (https://www.investor.gov).
    pattern:
      /\b(?:(?:token|coin|crypto|nft|meme ?coin)\s+(?:pre-?sales?|launch(?:es|ing)?|drops?)|pre-?sales?\s+(?:of\s+)?(?:\$[a-z]+\s+)?(?:tokens?|coins?)|(?:tokens?|coins?)\s+(?:is\s+)?launching|(?:up|gains? of|returns? of|profits? of)\s+\d{1,4}x|\d{1,4}x\s+(?:gains?|returns?|profits?|guaranteed|potential)|early (?:buyers|investors|holders)\s+(?:are\s+)?(?:already\s+)?up\s+\d{1,4}x)\b/gi,
    // Every alternative holds one of these words ("40x" only after up/gains/returns or before gains/guaranteed …).
    anchors: ['token', 'coin', 'crypto', 'nft', 'meme', 'pre-sale', 'presale', 'pre sale', 'up', 'gains', 'returns', 'profit', 'early', 'guaranteed', 'potential'],
    gates: [/token|coin|crypto|nft|pre-?sale|\dx\b|early (?:buyers|investors|holders)/i],
  },
  {
    id: 'finance.money_multiplier',
    label: 'a promise to multiply money fast',
    pattern: /\bturn (?:your )?[$£€]\s?[\d,]+k? into [$£€]\s?[\d,]+k?\b|\b(?:trading|forex|crypto) signals\b/gi,
    anchors: ['turn', 'trading', 'forex', 'crypto'],
  },
];

const FINANCE: CodeReport = {
  code: 'content.high_risk_finance',
  severity: 'block',
  sev0Tier: 3,
  message: (label, span) => `Mentions ${label} ("${span.text}"): high-risk financial services are a forbidden message category on US carriers.`,
  fix: 'Remove the offer; payday loans, debt relief, credit repair, crypto and guaranteed-return schemes cannot be sent over US SMS/MMS.',
};

/** content.high_risk_finance reasons. Source: Twilio forbidden categories; CTIA P&BP 2023 §5.3.1. */
export function checkFinance(text: string, norm: string): Reason[] {
  return runRules(text, norm, FINANCE_RULES, FINANCE);
}

/** content.high_risk_finance table (rules and report) for checkContent. */
export const FINANCE_TABLE: RuleTable = { rules: FINANCE_RULES, report: FINANCE };
