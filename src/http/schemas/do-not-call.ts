import { Type, type Static } from '@sinclair/typebox';
import { DNC_SOURCES } from '../../core/do-not-call.js';
import { DNC_BATCH_MAX, DoNotCallViewSchema } from '../../services/index.js';
import { literals, PhoneString, strict } from './common.js';

const Source = literals(DNC_SOURCES, {
  description: '`national`: the account scrubbed it against the National Do Not Call Registry; `internal`: the person asked the account not to contact them',
});

/** `POST /v1/dnc`. */
export const AddDoNotCallBody = Type.Object({
  entries: Type.Array(Type.Object({
    phone: PhoneString,
    source: Source,
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }, strict), { minItems: 1, maxItems: DNC_BATCH_MAX }),
}, strict);
export type AddDoNotCallBody = Static<typeof AddDoNotCallBody>;

/** `GET /v1/dnc` (digit strings: query values are never coerced). */
export const DoNotCallQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]{1,2}|1000)$', description: 'a whole number from 1 to 1000 (default 100)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'nextCursor of the previous page' })),
}, strict);

export { DoNotCallViewSchema as DoNotCallEntrySchema };

export const DoNotCallPage = Type.Object({
  entries: Type.Array(DoNotCallViewSchema),
  nextCursor: Type.Optional(Type.String()),
}, { ...strict, title: 'DoNotCallPage' });
