/**
 * Reasons a valid recipient number earns from its number plan alone (see docs/phone.md): premium
 * rate, personal communications (5XX) and NANPA's fictional 555-01XX lines. Pure.
 */
import type { ParsedPhone } from './phone.js';
import type { Reason } from './types.js';

/** `+1 NXX 555-0100` … `+1 NXX 555-0199`, in any area code. */
const FICTIONAL = /^\+1[2-9]\d{2}55501\d{2}$/;

/**
 * True for NANP 555-0100 through 555-0199: NANPA reserves these lines for fictional use (films,
 * books, examples), so no real subscriber has one. Unverified: NANPA's 555 line-number notes were
 * not read from the primary text here.
 */
export function isFictionalNanp(e164: string): boolean {
  return FICTIONAL.test(e164);
}

function formatted(e164: string): string {
  return e164.length === 12 ? `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}` : e164;
}

/** The number-plan reasons of a valid number, in a fixed order; [] for an ordinary number. */
export function phoneReasons(phone: Extract<ParsedPhone, { valid: true }>): Reason[] {
  const reasons: Reason[] = [];
  const shown = formatted(phone.e164);
  if (phone.kind === 'premium_rate') {
    // 900 is the pay-per-call service access code (libphonenumber premiumRate; 47 U.S.C. 228,
    // unverified: not read here). That texts to it fail is unverified from a primary source.
    reasons.push({
      code: 'number.premium_rate',
      severity: 'block',
      message: `${shown} is a premium-rate (900) pay-per-call number: it is not a phone that receives texts, and a failed attempt counts against your error rate.`,
      fix: 'Remove the number and text the recipient\'s own mobile number instead.',
    });
  }
  if (phone.kind === 'personal_communications') {
    // libphonenumber personalNumber: the NANP 5XX (and CA 622/633) personal communications codes.
    // Whether a given one takes texts depends on its service: unverified, hence a warning.
    reasons.push({
      code: 'number.personal',
      severity: 'warn',
      message: `${shown} is in non-geographic area code ${phone.areaCode ?? ''} (personal communications services): it may be a follow-me service or a machine-to-machine device, and its location (so its quiet hours) cannot be told from the number.`,
      fix: 'Confirm that the recipient can receive texts at this number, and record their state or time zone.',
    });
  }
  if (isFictionalNanp(phone.e164)) {
    reasons.push({
      code: 'number.fictional',
      severity: 'warn',
      message: `${shown} is in 555-0100 to 555-0199, the lines NANPA reserves for fictional use: no real person has this number.`,
      fix: 'Replace the example or test number with the recipient\'s real number.',
    });
  }
  return reasons;
}
