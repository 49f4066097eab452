import type { AuditNumber, ConsentAudit } from './audit.js';

/** The download formats of the consent audit. */
export const AUDIT_FORMATS = ['json', 'csv', 'html'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** MIME type of each format. */
export const AUDIT_CONTENT_TYPES: Record<AuditFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** `consent-audit-<account>-<period end YYYYMMDD>.<ext>`: only [A-Za-z0-9._-], safe in Content-Disposition. */
export function auditFilename(audit: ConsentAudit, format: AuditFormat): string {
  const name = audit.account.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'account';
  return `consent-audit-${name}-${audit.period.to.slice(0, 10).replaceAll('-', '')}.${format}`;
}

/** The report as pretty-printed JSON. */
export function renderAuditJson(audit: ConsentAudit): string {
  return `${JSON.stringify(audit, null, 2)}\n`;
}

/** The CSV columns: one row per consent event, opt-out, inbound text and message (long format). */
export const AUDIT_CSV_COLUMNS = [
  'phone', 'record', 'at', 'kind', 'channel', 'purposes', 'method', 'written',
  'form_url', 'form_text', 'form_text_hash', 'checkbox', 'ip', 'user_agent', 'keyword', 'inbound_text', 'recording',
  'consent_event_id', 'message_id', 'from', 'body', 'status', 'error_code', 'sent_at', 'reason_codes', 'rule_set_version', 'evidence_json',
] as const;
type CsvColumn = (typeof AUDIT_CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string | number | boolean | null>>;

// Text a recipient or a form author controls: a leading = + - @ would run as a spreadsheet formula
// (OWASP "CSV injection"), so it is prefixed with a quote. Phones and times are ours and stay as they are.
const FREE_TEXT: ReadonlySet<CsvColumn> = new Set(['form_url', 'form_text', 'user_agent', 'keyword', 'inbound_text', 'recording', 'body', 'evidence_json', 'method', 'kind']);

function csvCell(column: CsvColumn, value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (FREE_TEXT.has(column) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvRows(n: AuditNumber): CsvRow[] {
  if (!n.found) return [{ phone: n.phone, record: 'no_record' }];
  const rows: CsvRow[] = [];
  for (const e of n.consentEvents) {
    rows.push({
      phone: n.phone, record: 'consent', at: e.occurredAt, kind: e.kind, channel: e.channel, purposes: e.purposes.join(' '), method: e.method,
      written: e.written, form_url: e.how.formUrl, form_text: e.how.formText, form_text_hash: e.how.formTextHash, checkbox: e.how.checkbox,
      ip: e.how.ip, user_agent: e.how.userAgent, keyword: e.how.keyword, inbound_text: e.how.inboundText, recording: e.how.recording,
      consent_event_id: e.id, evidence_json: JSON.stringify(e.evidence),
    });
  }
  for (const o of n.optOuts) {
    rows.push({
      phone: n.phone, record: 'opt_out', at: o.at, kind: 'revoked', channel: 'sms', method: o.method, keyword: o.keyword, inbound_text: o.text,
      consent_event_id: o.consentEventId,
    });
  }
  for (const m of n.inbound) {
    rows.push({ phone: n.phone, record: 'inbound', at: m.receivedAt, kind: m.kind, channel: 'sms', keyword: m.keyword, inbound_text: m.body, message_id: m.id });
  }
  for (const m of n.messages) {
    rows.push({
      phone: n.phone, record: 'message', at: m.createdAt, kind: m.system ?? m.verdict, channel: 'sms', purposes: m.purpose,
      consent_event_id: m.consentEventId, message_id: m.id, from: m.from, body: m.body, status: m.status, error_code: m.errorCode,
      sent_at: m.sentAt, reason_codes: m.reasonCodes.join(' '), rule_set_version: m.ruleSetVersion,
    });
  }
  return rows;
}

/** The report as CSV (RFC 4180, CRLF): a header block of `# ` lines would break parsers, so the header facts are columns of a first `report` row. */
export function renderAuditCsv(audit: ConsentAudit): string {
  const head: CsvRow = {
    phone: '', record: 'report', at: audit.generatedAt, kind: audit.selection.mode, method: audit.selection.method,
    body: `account ${audit.account.name} (${audit.account.sid}), brand ${audit.account.brandName}, period ${audit.period.from} to ${audit.period.to}, `
      + `${String(audit.numbers.length)} numbers of ${String(audit.selection.population)} messaged, seed ${audit.selection.seed ?? '(numbers given)'}`,
    rule_set_version: audit.ruleSetVersion,
  };
  const lines = [AUDIT_CSV_COLUMNS.join(','), ...[head, ...audit.numbers.flatMap(csvRows)].map((r) => AUDIT_CSV_COLUMNS.map((c) => csvCell(c, r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const s = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const e = escapeHtml;

function table(headers: readonly string[], rows: readonly (readonly unknown[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${e(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')
  }</tbody></table>`;
}

function howList(how: Record<string, string | undefined>): string {
  const labels: Record<string, string> = {
    formUrl: 'Form URL', formText: 'Form text', formTextHash: 'Form text hash', checkbox: 'Checkbox', ip: 'IP address', userAgent: 'User agent',
    keyword: 'Keyword', inboundText: 'Message text', inboundMessageId: 'Inbound message', recording: 'Call recording',
  };
  const items = Object.entries(how).filter((kv): kv is [string, string] => kv[1] !== undefined);
  if (items.length === 0) return '';
  return `<dl>${items.map(([k, v]) => `<dt>${e(labels[k] ?? k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
}

function numberSection(n: AuditNumber, index: number): string {
  const title = `<h2 id="n${String(index + 1)}">${String(index + 1)}. ${e(n.phone)}</h2>`;
  if (!n.found) return `<section class="number">${title}<p class="norecord">No record: nothing about this number is stored for this account.</p></section>`;
  const c = n.contact;
  const contact = c === null
    ? '<p class="empty">No contact record (messages only).</p>'
    : `<p>Time zone ${e(c.timezone ?? 'unknown')}, state ${e(c.state ?? 'unknown')}, line type ${e(c.lineType ?? 'unknown')}${
      c.dnd ? `, <strong>do-not-disturb</strong> (${e(c.dndCause)} since ${e(c.dndAt)})` : ''}.</p>`;
  const consent = n.consentEvents.length === 0
    ? '<p class="empty">No consent event is recorded.</p>'
    : n.consentEvents.map((ev) => `<div class="event ${e(ev.kind)}"><h4>#${e(ev.id)} ${e(ev.kind)} · ${e(ev.occurredAt)}</h4>
<p>Channel <strong>${e(ev.channel)}</strong>, purposes <strong>${e(ev.purposes.join(', ') || 'none')}</strong>, method <strong>${e(ev.method)}</strong>, ${ev.written ? 'written' : 'not written'}; recorded ${e(ev.recordedAt)}.</p>
${howList({ ...ev.how })}<p class="label">Evidence as stored:</p><pre>${e(JSON.stringify(ev.evidence, null, 2))}</pre></div>`).join('\n');
  return `<section class="number">${title}
<h3>Contact</h3>${contact}
<h3>Consent events</h3>${consent}
<h3>Opt-out history</h3>${table(['When', 'Method', 'Keyword', 'Text', 'Ledger event', 'FCC deadline'],
    n.optOuts.map((o) => [o.at, o.method, o.keyword, o.text, `#${o.consentEventId}`, o.fccDeadline]), 'No opt-out.')}
<h3>Inbound texts</h3>${table(['Received', 'To', 'Text', 'Kind', 'Keyword'], n.inbound.map((m) => [m.receivedAt, m.to, m.body, m.kind, m.keyword]), 'No inbound text.')}
<h3>Messages in the period</h3>${table(['Created', 'Sent', 'From', 'Purpose', 'Text', 'Status', 'Error', 'Consent relied on', 'Reasons'],
    n.messages.map((m) => [
      m.createdAt, m.sentAt, m.from, m.purpose, m.body, m.status, m.errorCode,
      m.system !== null ? `none needed (${m.system})` : m.consentEventId === null ? 'none' : `#${m.consentEventId}${m.consent === null ? '' : ` ${m.consent.method}, ${m.consent.occurredAt}`}`,
      m.reasonCodes.join(' '),
    ]), 'No message in the period.')}
</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:2rem auto;max-width:70rem;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;border-top:2px solid #333;padding-top:.75rem;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .25rem}h4{font-size:.95rem;margin:0 0 .25rem}
table{border-collapse:collapse;width:100%;margin:.25rem 0}th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#eee}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.25rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.meta th{width:14rem}.event{border-left:4px solid #2a7;padding:.25rem .75rem;margin:.5rem 0}.event.revoked{border-color:#c33}
.label{margin:.25rem 0 0;font-weight:600}.empty,.norecord{color:#555;font-style:italic}pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.5rem}
@media print{body{margin:0;max-width:none;font-size:10pt}a{color:inherit;text-decoration:none}section.number{break-before:page}
h3,h4,thead{break-after:avoid}tr,.event{break-inside:avoid}th{background:#ddd!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{margin:1.5cm}`;

/** The report as a self-contained printable HTML page (every value escaped; prints to PDF from any browser). */
export function renderAuditHtml(audit: ConsentAudit): string {
  const s = audit.selection;
  const meta: [string, string][] = [
    ['Account', `${audit.account.name} (${audit.account.sid})`],
    ['Brand', audit.account.brandName],
    ['Period', `${audit.period.from} to ${audit.period.to} (end exclusive)`],
    ['Selection', s.mode === 'sample'
      ? `${String(audit.numbers.length)} of ${String(s.population)} contacts messaged in the period (asked for ${String(s.requested)})`
      : `${String(s.requested)} numbers requested (${String(s.population)} contacts messaged in the period)`],
    ['Sampling seed', s.seed ?? 'none (numbers given)'],
    ['Method', s.method],
    ['Generated', audit.generatedAt],
    ['Rule-set version', audit.ruleSetVersion],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Consent audit: ${audit.account.brandName}`)}</title><style>${STYLE}</style></head>
<body><header><h1>SMS consent audit: ${e(audit.account.brandName)}</h1>
<table class="meta"><tbody>${meta.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>
<p>For each number: every consent event with its evidence (who, when, how, for what purposes, through which channel), the opt-out history, inbound texts, and the messages sent in the period with the consent event each decision relied on.</p>
<nav aria-label="Numbers"><ol>${audit.numbers.map((n, i) => `<li><a href="#n${String(i + 1)}">${e(n.phone)}</a>${n.found ? '' : ' (no record)'}</li>`).join('')}</ol></nav></header>
<main>${audit.numbers.map(numberSection).join('\n')}</main>
<footer><p>Generated by Clearsend at ${e(audit.generatedAt)}. To reproduce the sample, ask again with the same seed and period.</p></footer>
</body></html>
`;
}

/** Renders the report in one of the download formats. */
export function renderAudit(audit: ConsentAudit, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return renderAuditJson(audit);
    case 'csv':
      return renderAuditCsv(audit);
    case 'html':
      return renderAuditHtml(audit);
    default: {
      const _x: never = format;
      throw new Error(`unhandled audit format ${String(_x)}`);
    }
  }
}
