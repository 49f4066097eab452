import { Type, type Static } from '@sinclair/typebox';
import type { ClockTime } from '../../data/state-rule-types.js';
import { PURPOSES } from '../../core/types.js';
import { literals, strict } from './common.js';

const Words = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100 });

/** Account settings the pipeline applies (quiet hours narrowing, extra keywords, alert webhook). */
export const AccountSettingsSchema = Type.Object({
  quietHours: Type.Optional(Type.Object({
    federalPurposes: Type.Optional(Type.Array(literals(PURPOSES))),
    window: Type.Optional(Type.Object({
      start: Type.Unsafe<ClockTime>(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, 24-hour' })),
      end: Type.Unsafe<ClockTime>(Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', description: 'HH:MM, 24-hour (24:00 allowed)' })),
    }, strict)),
    honourConsentExemptions: Type.Optional(Type.Boolean()),
  }, strict)),
  keywords: Type.Optional(Type.Object({
    optOut: Type.Optional(Words),
    optIn: Type.Optional(Words),
    help: Type.Optional(Words),
    languages: Type.Optional(Type.Array(literals(['en', 'es'] as const))),
  }, strict)),
  alertWebhookUrl: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048 })),
}, strict);

/** `PATCH /v1/account`. */
export const PatchAccountBody = Type.Object({
  brandName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  brandAliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
  helpText: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 640 }), Type.Null()])),
  settings: Type.Optional(AccountSettingsSchema),
}, strict);
export type PatchAccountBody = Static<typeof PatchAccountBody>;

export const AccountSchema = Type.Object({
  accountId: Type.String(),
  sid: Type.String(),
  name: Type.String(),
  brandName: Type.String(),
  brandAliases: Type.Array(Type.String()),
  helpText: Type.Union([Type.String(), Type.Null()]),
  settings: Type.Object({}, { additionalProperties: true }),
  createdAt: Type.String(),
}, { additionalProperties: true });
