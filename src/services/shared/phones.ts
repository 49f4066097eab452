import { parsePhone } from '../../core/phone.js';
import { UserError } from '../../errors.js';

/** E.164 form of a phone field, or INVALID_PHONE naming the field. */
export function requirePhone(value: string, field: string): string {
  const p = parsePhone(value);
  if (!p.valid) throw new UserError('INVALID_PHONE', `${field}: ${p.error}`, { field });
  return p.e164;
}
