import { Type, type Static } from '@sinclair/typebox';
import { PROVIDERS } from '../../runtime/config.js';
import { IsoDateTime, literals, strict } from './common.js';

/** `PUT /v1/numbers/:phone`: a sender number and its registration status. */
export const PutNumberBody = Type.Object({
  provider: Type.Optional(literals(PROVIDERS)),
  registered: Type.Boolean({ description: '10DLC campaign or toll-free verification approved' }),
  campaignId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  usableFrom: Type.Optional(IsoDateTime),
}, strict);
export type PutNumberBody = Static<typeof PutNumberBody>;

export { NumberViewSchema as NumberSchema } from '../../services/index.js';
