/**
 * Alerts: open and resolved alerts with their history (chart + table, threshold line) and webhook
 * deliveries (GET /v1/alerts), and the rules with editable thresholds and enabled switches
 * (GET /v1/alert-rules, PUT /v1/alert-rules/:rule); the API's validation message shows by the field.
 */
import { useEffect, useState } from 'preact/hooks';
import { apiSend, type ApiError } from '../api.js';
import { CHART_COLORS, SeriesChart } from '../charts/series-chart.js';
import type { Alert, AlertRule } from '../dashboard-types.js';
import { formatInstant, formatRuleValue, unitsByRule, type AlertUnit } from '../figures.js';
import { ErrorNotice, Section, TableWrap } from './parts.js';
import { toApiError, useApiGet } from './use-api.js';
import './pages.css';

type StatusFilter = 'all' | 'open' | 'resolved';

/** The alerts page. */
export function AlertsPage() {
  const [status, setStatus] = useState<StatusFilter>('all');
  const alerts = useApiGet<{ alerts: Alert[] }>(`/v1/alerts?status=${status}`);
  const rules = useApiGet<{ rules: AlertRule[] }>('/v1/alert-rules');
  const list = alerts.data?.alerts ?? null;
  const units = unitsByRule(rules.data?.rules ?? []);
  return (
    <div class="pg-page" data-testid="alerts-page">
      <div class="pg-page-head"><h1>Alerts</h1></div>
      <Section
        id="alert-list"
        title={list === null ? 'Alerts' : `Alerts (${list.length})`}
        actions={(
          <label class="pg-field pg-inline">
            <span>Show</span>
            <select value={status} onChange={(e) => { setStatus(e.currentTarget.value as StatusFilter); }}>
              <option value="all">Open and resolved</option>
              <option value="open">Open only</option>
              <option value="resolved">Resolved only</option>
            </select>
          </label>
        )}
      >
        <p class="pg-live pg-muted" aria-live="polite">{alerts.loading ? 'Loading alerts…' : ''}</p>
        <ErrorNotice error={alerts.error} what="the alerts" />
        {list === null ? null : list.length === 0 ? <p class="pg-muted">No alerts.</p> : (
          <ul class="pg-alerts" data-testid="alert-list">
            {list.map((a) => <AlertItem key={a.id} alert={a} unit={units.get(a.rule)} />)}
          </ul>
        )}
      </Section>
      <Section id="alert-rules" title="Rules">
        <p class="pg-muted">An alert opens once when a rule's figure reaches its threshold, stays open while it holds, and resolves itself. Rates are fractions: 0.01 is 1%.</p>
        <ErrorNotice error={rules.error} what="the rules" />
        {rules.data === null ? null : (
          <ul class="pg-rules" data-testid="alert-rules">
            {rules.data.rules.map((r) => <RuleForm key={r.rule} rule={r} />)}
          </ul>
        )}
      </Section>
    </div>
  );
}

function AlertItem({ alert: a, unit }: { alert: Alert; unit: AlertUnit | undefined }) {
  const open = a.status === 'open';
  const history = [...a.history].sort((p, q) => Date.parse(p.at) - Date.parse(q.at));
  const failedDeliveries = a.deliveries.filter((d) => !d.ok).length;
  const fmt = (v: number) => formatRuleValue(v, unit, a.rule);
  return (
    <li class={`pg-alert${open ? '' : ' pg-alert-resolved'}`} data-testid="alert" data-rule={a.rule} data-status={a.status}>
      <p>
        <span class={`pg-badge ${open ? 'pg-badge-over' : 'pg-badge-ok'}`}>{open ? '⚠ Open' : '✓ Resolved'}</span>{' '}
        <strong>{a.message}</strong>
      </p>
      <p class="pg-muted">
        Rule <code>{a.rule}</code>{a.scope === null ? '' : ` on ${a.scope}`} · value {fmt(a.value)} against threshold {fmt(a.threshold)} ·
        opened {formatInstant(a.openedAt)}{a.resolvedAt === null ? '' : ` · resolved ${formatInstant(a.resolvedAt)}`}
      </p>
      <details>
        <summary>History ({history.length} reading{history.length === 1 ? '' : 's'}) and webhook deliveries ({a.deliveries.length}{failedDeliveries > 0 ? `, ${failedDeliveries} failed` : ''})</summary>
        {history.length < 2 ? (
          <p class="pg-muted">
            {history.length === 0 ? 'No readings recorded.' : `One reading so far: ${fmt(history[0]?.value ?? a.value)} at ${formatInstant(history[0]?.at ?? a.openedAt)}, against a threshold of ${fmt(a.threshold)}.`}
          </p>
        ) : (
          <SeriesChart
            title={`History of ${a.rule}${a.scope === null ? '' : ` on ${a.scope}`}`}
            summary={`${history.length} readings from ${formatInstant(history[0]?.at ?? a.openedAt)}; highest ${fmt(Math.max(...history.map((h) => h.value)))} against a threshold of ${fmt(a.threshold)}.`}
            x={history.map((h) => Date.parse(h.at) / 1000)}
            xLabels={history.map((h) => formatInstant(h.at))}
            xName="Time"
            timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
            series={[{ label: 'Value', values: history.map((h) => h.value), color: CHART_COLORS.blue }]}
            thresholds={[{ label: 'Threshold', value: a.threshold }]}
            format={fmt}
            height={180}
          />
        )}
        <h3 class="pg-h3">Webhook deliveries</h3>
        {a.deliveries.length === 0 ? <p class="pg-muted">Not sent to a webhook (no alert webhook URL set, or not yet attempted).</p> : (
          <TableWrap label="Webhook deliveries">
            <table>
              <thead><tr><th scope="col">Attempt</th><th scope="col">At</th><th scope="col">Result</th></tr></thead>
              <tbody>
                {a.deliveries.map((d) => (
                  <tr key={`${d.event}-${d.attempt}`}>
                    <th scope="row">{d.event === 'opened' ? 'Opened' : 'Resolved'}, attempt {d.attempt}</th>
                    <td>{formatInstant(d.at)}</td>
                    <td><span class={`pg-badge ${d.ok ? 'pg-badge-ok' : 'pg-badge-over'}`}>{d.ok ? '✓ Delivered' : '✕ Failed'}</span> {d.httpStatus === null ? '(no answer)' : `(HTTP ${d.httpStatus})`}{d.error == null || d.error === '' ? '' : ` ${d.error}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </details>
    </li>
  );
}

type FieldErrors = Partial<Record<'threshold' | 'enabled' | 'form', string>>;

/** Which input the API's `field` names (`threshold`, `body.threshold`, `/threshold` …). */
export function fieldOf(field: string | undefined): 'threshold' | 'enabled' | 'form' {
  if (field === undefined) return 'form';
  if (/threshold/i.test(field)) return 'threshold';
  if (/enabled/i.test(field)) return 'enabled';
  return 'form';
}

function RuleForm({ rule }: { rule: AlertRule }) {
  const [enabled, setEnabled] = useState(rule.enabled);
  const [threshold, setThreshold] = useState(String(rule.threshold));
  const [saved, setSaved] = useState<AlertRule>(rule);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { setSaved(rule); setEnabled(rule.enabled); setThreshold(String(rule.threshold)); }, [rule]);

  const id = `rule-${rule.rule.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const dirty = enabled !== saved.enabled || threshold.trim() !== String(saved.threshold);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = Number(threshold.trim());
    if (threshold.trim() === '' || !Number.isFinite(value)) {
      setErrors({ threshold: 'Enter a number, e.g. 0.01 for 1%.' });
      setStatus('');
      return;
    }
    setBusy(true);
    setErrors({});
    setStatus('Saving…');
    try {
      const body: { enabled?: boolean; threshold?: number } = {};
      if (enabled !== saved.enabled) body.enabled = enabled;
      if (value !== saved.threshold) body.threshold = value;
      const next = await apiSend<AlertRule>('PUT', `/v1/alert-rules/${encodeURIComponent(rule.rule)}`, body);
      setSaved(next);
      setEnabled(next.enabled);
      setThreshold(String(next.threshold));
      setStatus(`Saved: ${next.enabled ? 'on' : 'off'}, threshold ${formatRuleValue(next.threshold, next.unit, rule.rule)}.`);
    } catch (err: unknown) {
      const apiError: ApiError = toApiError(err);
      setErrors({ [fieldOf(apiError.field)]: apiError.message });
      setStatus('Not saved.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="pg-rule" data-testid="alert-rule" data-rule={rule.rule}>
      <form onSubmit={(e) => { void submit(e); }} aria-labelledby={`${id}-name`} noValidate>
        <p id={`${id}-name`} class="pg-rule-name"><code>{rule.rule}</code></p>
        <p class="pg-muted" id={`${id}-desc`}>{rule.description}</p>
        <div class="pg-rule-fields">
          <label class="pg-check">
            <input
              type="checkbox" checked={enabled} onChange={(e) => { setEnabled(e.currentTarget.checked); }}
              aria-describedby={errors.enabled === undefined ? `${id}-desc` : `${id}-enabled-error`} aria-invalid={errors.enabled !== undefined}
            />
            <span>Enabled<span class="pg-visually-hidden">: {rule.rule}</span></span>
          </label>
          {errors.enabled === undefined ? null : <p class="pg-field-error" role="alert" id={`${id}-enabled-error`}>{errors.enabled}</p>}
          <div class="pg-field">
            <label for={`${id}-threshold`}>Threshold<span class="pg-visually-hidden"> for {rule.rule}</span></label>
            <input
              id={`${id}-threshold`} type="text" inputMode="decimal" value={threshold} onInput={(e) => { setThreshold(e.currentTarget.value); }}
              aria-invalid={errors.threshold !== undefined}
              aria-describedby={`${id}-hint${errors.threshold === undefined ? '' : ` ${id}-threshold-error`}`}
            />
            <p class="pg-muted pg-hint" id={`${id}-hint`}>{hint(rule, threshold)}</p>
            {errors.threshold === undefined ? null : <p class="pg-field-error" role="alert" id={`${id}-threshold-error`}>{errors.threshold}</p>}
          </div>
          <button type="submit" disabled={busy || !dirty}>Save</button>
        </div>
        {errors.form === undefined ? null : <p class="pg-field-error" role="alert">{errors.form}</p>}
        <p class="pg-live" role="status" aria-live="polite">{status}</p>
      </form>
    </li>
  );
}

function hint(rule: AlertRule, raw: string): string {
  const v = Number(raw.trim());
  const unitText = { rate: 'A fraction', ratio: 'Outbound texts per inbound reply', count: 'A count', multiple: 'A multiple of the usual speed' }[rule.unit];
  const reads = raw.trim() === '' || !Number.isFinite(v) ? '' : ` Reads as ${formatRuleValue(v, rule.unit, rule.rule)}.`;
  const def = ` Default ${formatRuleValue(rule.defaultThreshold, rule.unit, rule.rule)}.`;
  return `${unitText}${unitText === '' ? '' : '.'}${reads}${def}`.trim();
}
