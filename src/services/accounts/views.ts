import type { RevocationScope } from '../../core/revocation-scope.js';
import type { AlertSettings } from '../../core/alerts.js';
import type { MetricsSettings } from '../monitoring/metrics.js';
import type { KeywordOptions, Purpose, Reason } from '../../core/types.js';
import type { ConsentRecord } from '../../core/consent.js';
import type { QuietHoursPolicy } from '../../core/quiet-hours.js';
import type { DoNotCallPolicy } from '../../core/do-not-call.js';
import type { TexasSolicitationSettings } from '../../core/texas-registration.js';
import type { AccountRow } from '../../store/accounts.js';
import type { ConsentEventRow } from '../../store/consents.js';
import type { ContactRow } from '../../store/contacts.js';
import type { MessageEventRow } from '../../store/message-events.js';
import type { MessageStatus } from '../../store/message-status.js';
import type { MessageRow } from '../../store/messages.js';
import type { NumberRow } from '../../store/numbers.js';
import type { Encoding, Verdict } from '../../core/types.js';

/** Account choices the policy and inbound handling read. */
export interface AccountSettings {
  quietHours?: Partial<QuietHoursPolicy>;
  keywords?: KeywordOptions;
  alertWebhookUrl?: string;
  /** Thresholds of the dashboard's figures (docs/figures.md). */
  metrics?: MetricsSettings;
  /** The alert rules the account changed (docs/alerts.md). */
  alerts?: AlertSettings;
  /** Texas ch. 302 registration, or reliance on the consent exemption (docs/state-rules.md). */
  texasSolicitation?: TexasSolicitationSettings;
  /** How the account's do-not-call list treats written consent (docs/state-rules.md). */
  doNotCall?: Partial<DoNotCallPolicy>;
  /** How far an opt-out naming some purposes reaches until the FCC revoke-all date (docs/consent.md). */
  consent?: { revocationScope?: RevocationScope };
}

/** A settings patch (PATCH /v1/account): each group given replaces the stored one; null removes it. */
export type AccountSettingsPatch = { [K in keyof AccountSettings]?: AccountSettings[K] | null };

/** An account as the API shows it (never its keys). */
export interface AccountView {
  accountId: string;
  sid: string;
  name: string;
  brandName: string;
  brandAliases: string[];
  helpText: string | null;
  settings: AccountSettings;
  createdAt: string;
}

/** A sender number as the API shows it. */
export interface NumberView {
  phone: string;
  provider: string;
  registered: boolean;
  campaignId: string | null;
  usableFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A contact as the API shows it. */
export interface ContactView {
  phone: string;
  timezone: string | null;
  state: string | null;
  lineType: string | null;
  dnd: boolean;
  dndCause: string | null;
  dndAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One consent-ledger event as the API shows it. */
export interface ConsentEventView {
  id: string;
  kind: ConsentEventRow['kind'];
  channel: ConsentEventRow['channel'];
  purposes: Purpose[];
  method: string;
  written: boolean;
  occurredAt: string;
  recordedAt: string;
  evidence: Record<string, unknown>;
}

/** A contact with its ledger and the consent derived from it. */
/** A contact with one page of its ledger (newest first) and the consent derived from the whole ledger. */
export type ContactDetail = ContactView & { consentEvents: ConsentEventView[]; consentEventsNextCursor?: string; consent: ConsentRecord[] };

/** A message as the API shows it. */
export interface MessageView {
  id: string;
  accountSid: string;
  to: string;
  from: string | null;
  body: string;
  purpose: Purpose;
  status: MessageStatus;
  verdict: Verdict;
  reasons: Reason[];
  sendAt?: string;
  segments: { encoding: Encoding; count: number };
  errorCode: string | null;
  providerMessageId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One state transition of a message. */
export interface MessageEventView {
  status: MessageStatus;
  at: string;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The settings JSON of an account row, as written by updateAccount. */
export function accountSettings(row: AccountRow): AccountSettings {
  return row.settings;
}

/** Row → view. */
export function toAccountView(row: AccountRow): AccountView {
  return {
    accountId: row.accountId,
    sid: row.sid,
    name: row.name,
    brandName: row.brandName,
    brandAliases: row.brandAliases,
    helpText: row.helpText,
    settings: accountSettings(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Row → view. */
export function toNumberView(row: NumberRow): NumberView {
  return {
    phone: row.phone,
    provider: row.provider,
    registered: row.registered,
    campaignId: row.campaignId,
    usableFrom: iso(row.usableFrom),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Row → view. */
export function toContactView(row: ContactRow): ContactView {
  return {
    phone: row.phone,
    timezone: row.timezone,
    state: row.state,
    lineType: row.lineType,
    dnd: row.dnd,
    dndCause: row.dndCause,
    dndAt: iso(row.dndAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Row → view. */
export function toConsentEventView(row: ConsentEventRow): ConsentEventView {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    purposes: row.purposes,
    method: row.method,
    written: row.written,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    evidence: row.evidence,
  };
}

/** Row → view; `sendAt` is the instant a deferred or caller-scheduled message is due. */
export function toMessageView(row: MessageRow, accountSid: string): MessageView {
  const d = row.decision.decision;
  const view: MessageView = {
    id: row.id,
    accountSid,
    to: row.toPhone,
    from: row.fromPhone,
    body: row.body,
    purpose: row.purpose,
    status: row.status,
    verdict: row.verdict,
    reasons: d.reasons,
    segments: { encoding: d.segments.encoding, count: d.segments.count },
    errorCode: row.errorCode,
    providerMessageId: row.providerMessageId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  const sendAt = d.sendAt ?? row.decision.requestedSendAt;
  if (sendAt !== undefined) view.sendAt = sendAt;
  return view;
}

/** Row → view. */
export function toMessageEventView(row: MessageEventRow): MessageEventView {
  return { status: row.status, at: row.at.toISOString(), reason: row.reason, detail: row.detail };
}
