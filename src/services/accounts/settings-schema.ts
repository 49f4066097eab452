import { Type, type TSchema } from '@sinclair/typebox';
import type { ClockTime } from '../../data/state-rule-types.js';
import { ALERT_RULES } from '../../core/alerts.js';
import { KEYWORD_LANGUAGES } from '../../data/keywords.js';
import { REVOCATION_SCOPES } from '../../core/revocation-scope.js';
import { PURPOSES } from '../../core/types.js';
import { literals, strict } from '../shared/shapes.js';

const Words = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 100 });

/** The settings groups; each is replaced as a whole by PATCH /v1/account (docs/api.md). */
const groups = {
  quietHours: Type.Object({
    federalPurposes: Type.Optional(Type.Array(literals(PURPOSES))),
    window: Type.Optional(Type.Object({
      start: Type.Unsafe<ClockTime>(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, 24-hour' })),
      end: Type.Unsafe<ClockTime>(Type.String({ pattern: '^([01]\\d|2[0-4]):[0-5]\\d$', description: 'HH:MM, 24-hour (24:00 allowed)' })),
    }, strict)),
    honourConsentExemptions: Type.Optional(Type.Boolean()),
    standardTimeReading: Type.Optional(literals(['both', 'literal'] as const, {
      description: 'Mississippi "Central Standard Time": `both` (default) holds the window on CST and on local time; `literal` on CST only',
    })),
  }, strict),
  texasSolicitation: Type.Object({
    registrationNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Texas Secretary of State telephone-solicitation registration (Tex. Bus. & Com. Code ch. 302)' })),
    registeredOn: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD the registration took effect' })),
    consentExemption: Type.Optional(Type.Boolean({ description: 'The account relies on the consent-based exemption: every marketing text it sends has the recipient\'s consent' })),
  }, strict),
  doNotCall: Type.Object({
    writtenConsentOverridesNational: Type.Optional(Type.Boolean({
      description: 'Let prior express written consent lift a `national` do-not-call entry (47 CFR 64.1200(c)(2)(ii)); default false',
    })),
  }, strict),
  keywords: Type.Object({
    optOut: Type.Optional(Words),
    optIn: Type.Optional(Words),
    help: Type.Optional(Words),
    languages: Type.Optional(Type.Array(literals(KEYWORD_LANGUAGES))),
  }, strict),
  alertWebhookUrl: Type.String({ pattern: '^https?://', maxLength: 2048 }),
  metrics: Type.Object({
    outboundInboundRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
    pricePerSegmentUsd: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
    bulk: Type.Optional(Type.Object({
      recipients: Type.Optional(Type.Integer({ minimum: 2, maximum: 1_000_000 })),
      windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440 })),
    }, strict)),
    limitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  }, strict),
  alerts: Type.Object(Object.fromEntries(ALERT_RULES.map((rule) => [rule, Type.Optional(Type.Object({
    enabled: Type.Optional(Type.Boolean()),
    threshold: Type.Optional(Type.Number()),
  }, strict))])), strict),
  consent: Type.Object({
    revocationScope: Type.Optional(literals(REVOCATION_SCOPES, {
      description: 'all (default): an opt-out stops every text. named_purposes: an opt-out that names purposes stops those and marketing only, until the FCC revoke-all rule applies on 2027-01-31 (docs/consent.md)',
    })),
  }, strict),
};

/** A settings group in a patch: given, it replaces the stored one; null removes it. */
const Nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** Account settings the pipeline applies (quiet hours narrowing, extra keywords, alert webhook), as PATCH /v1/account takes them. */
export const AccountSettingsSchema = Type.Object({
  quietHours: Nullable(groups.quietHours),
  texasSolicitation: Nullable(groups.texasSolicitation),
  doNotCall: Nullable(groups.doNotCall),
  keywords: Nullable(groups.keywords),
  alertWebhookUrl: Nullable(groups.alertWebhookUrl),
  metrics: Nullable(groups.metrics),
  alerts: Nullable(groups.alerts),
  consent: Nullable(groups.consent),
}, strict);

/**
 * The stored settings as the API shows them: no nulls (a null in a patch removes the group), and
 * no `anyOf` either, so the serializer writes the declared fields of each group and nothing else.
 */
export const AccountSettingsViewSchema = Type.Object({
  quietHours: Type.Optional(groups.quietHours),
  texasSolicitation: Type.Optional(groups.texasSolicitation),
  doNotCall: Type.Optional(groups.doNotCall),
  keywords: Type.Optional(groups.keywords),
  alertWebhookUrl: Type.Optional(groups.alertWebhookUrl),
  metrics: Type.Optional(groups.metrics),
  alerts: Type.Optional(groups.alerts),
  consent: Type.Optional(groups.consent),
}, { ...strict, title: 'AccountSettings' });
