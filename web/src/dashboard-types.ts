/**
 * The JSON shapes the dashboard pages read: names over the types generated from the API's own
 * OpenAPI document (api-types.ts, `npm run gen:api-types`), so a page cannot drift from a route.
 * Type-only: the browser bundle never reaches into the server.
 */
import type { components } from './api-types.js';

type Schemas = components['schemas'];

/** The dashboard's time windows. */
export const WINDOWS = ['24h', '7d', '30d'] as const satisfies readonly Metrics['window'][];
export type MetricsWindow = Metrics['window'];

/** Message purposes (src/core/types.ts PURPOSES). */
export const PURPOSES = ['marketing', 'informational', 'transactional'] as const satisfies readonly Purpose[];
export type Purpose = Schemas['Message']['purpose'];

/** GET /v1/metrics. Rates are fractions (0.012 = 1.2 %). */
export type Metrics = Schemas['Metrics'];

/** One alert of GET /v1/alerts. */
export type Alert = Schemas['Alert'];
/** One rule of GET /v1/alert-rules. */
export type AlertRule = Schemas['AlertRule'];

/** A reason of a decision (src/core/types.ts Reason). */
export type Reason = Schemas['Reason'];
export type Verdict = Schemas['Decision']['verdict'];

/** POST /v1/evaluate. */
export type Decision = Schemas['Decision'];
/** POST /v1/lint: the checks of a text on its own. */
export type LintAnswer = Schemas['LintResult'];
/** POST /v1/messages (202 queued or scheduled; 422 with the same shape when blocked). */
export type SentMessage = Schemas['Message'];
/** GET /v1/account (the fields the pages use). */
export type Account = Pick<Schemas['Account'], 'brandName' | 'brandAliases'>;
/** A derived consent record of GET /v1/contacts/:phone. */
export type ConsentRecordJson = Schemas['ConsentRecord'];
/** GET /v1/contacts/:phone. */
export type ContactDetail = Schemas['ContactDetail'];
/** GET /v1/contacts/:phone (the fields the check page uses). */
export type Contact = Pick<ContactDetail, 'phone' | 'timezone' | 'state' | 'lineType' | 'dnd' | 'consent'>;
/** One sender number of GET /v1/numbers. */
export type NumberView = Schemas['Number'];
/** A sender number (the fields the check page uses). */
export type SenderNumber = Pick<NumberView, 'phone' | 'registered' | 'usableFrom'>;
/** POST /v1/optin-lint. */
export type OptInLintResult = Schemas['OptInLintResult'];
export type OptInFinding = OptInLintResult['findings'][number];
