/**
 * The provider's hard length limit. Twilio refuses a body over 1,600 characters with error 21617
 * ("The concatenated message body exceeds the 1600 character limit",
 * https://www.twilio.com/docs/api/errors/21617), so such a text would be queued only to fail.
 * Twilio does not say whether it counts code points or UTF-16 units (unverified); we count UTF-16
 * units, the stricter reading, so a text we pass cannot exceed the limit either way.
 */
import type { Reason } from '../types.js';
import { spanOf } from './match.js';

/** Longest body Twilio accepts (error 21617). */
export const MAX_BODY_CHARS = 1600;

/** content.too_long (block) when `text` is over MAX_BODY_CHARS; the span is the part past the limit. */
export function checkTooLong(text: string): Reason[] {
  if (text.length <= MAX_BODY_CHARS) return [];
  const over = text.length - MAX_BODY_CHARS;
  return [
    {
      code: 'content.too_long',
      severity: 'block',
      message: `The message is ${text.length} characters; Twilio refuses bodies over ${MAX_BODY_CHARS} (error 21617), so it would never be sent.`,
      fix: `Cut ${over} character${over === 1 ? '' : 's'}, or split it into separate messages of at most ${MAX_BODY_CHARS} characters each.`,
      span: spanOf(text, MAX_BODY_CHARS, text.length),
      rule: 'length.twilio_21617',
    },
  ];
}
