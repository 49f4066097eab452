import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, strict } from './common.js';

/**
 * Twilio's Messages create parameters (form-encoded, PascalCase). Unknown Twilio parameters are
 * accepted and ignored so that any SDK version can call it.
 */
export const TwilioCreateMessageBody = Type.Object({
  To: Type.Optional(Type.String({ maxLength: 64 })),
  From: Type.Optional(Type.String({ maxLength: 64 })),
  Body: Type.Optional(Type.String({ maxLength: 4096 })),
  StatusCallback: Type.Optional(Type.String({ maxLength: 2048 })),
  SendAt: Type.Optional(IsoDateTime),
  MessagingServiceSid: Type.Optional(Type.String({ maxLength: 64 })),
  Purpose: Type.Optional(Type.String({ maxLength: 32, description: 'Clearsend extension: marketing (default), informational or transactional' })),
}, { additionalProperties: Type.Unknown() });
export type TwilioCreateMessageBody = Static<typeof TwilioCreateMessageBody>;

export const TwilioAccountParams = Type.Object({ AccountSid: Type.String({ maxLength: 64 }) });
export const TwilioMessageParams = Type.Object({ AccountSid: Type.String({ maxLength: 64 }), Sid: Type.String({ maxLength: 64 }) });

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
export const TwilioErrorSchema = Type.Object({
  code: Type.Integer(),
  message: Type.String(),
  more_info: Type.String(),
  status: Type.Integer(),
}, { ...strict, title: 'TwilioError' });

/** Twilio's Message resource (the fields the SDK reads). */
export const TwilioMessageSchema = Type.Object({
  sid: Type.String(),
  account_sid: Type.String(),
  api_version: Type.String(),
  to: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  status: Type.String(),
  direction: Type.String(),
  num_segments: Type.String(),
  num_media: Type.String(),
  date_created: Type.String(),
  date_updated: Type.String(),
  date_sent: Type.Union([Type.String(), Type.Null()]),
  error_code: Type.Union([Type.Integer(), Type.Null()]),
  error_message: Type.Union([Type.String(), Type.Null()]),
  messaging_service_sid: Type.Union([Type.String(), Type.Null()]),
  price: Type.Union([Type.String(), Type.Null()]),
  price_unit: Type.String(),
  uri: Type.String(),
  subresource_uris: Type.Object({ media: Type.String() }, strict),
}, { ...strict, title: 'TwilioMessage' });
