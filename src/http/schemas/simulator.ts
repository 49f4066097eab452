import { Type, type Static } from '@sinclair/typebox';
import { PhoneString, strict } from './common.js';

/** `POST /simulator/inbound`: a reply from a recipient, as if the carrier delivered it. */
export const SimulatorInboundBody = Type.Object({
  from: PhoneString,
  to: PhoneString,
  body: Type.String({ maxLength: 1600 }),
}, strict);
export type SimulatorInboundBody = Static<typeof SimulatorInboundBody>;
