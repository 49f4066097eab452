/**
 * Overview: the figures carriers watch for the account (GET /v1/metrics) over 24 hours, 7 or 30 days,
 * optionally for one sender number or purpose, with the open alerts (GET /v1/alerts?status=open) first.
 * Thresholds come from the alert rules (GET /v1/alert-rules); every chart has a table beside it.
 */
import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { CHART_COLORS, SeriesChart } from '../charts/series-chart.js';
import { PURPOSES, WINDOWS, type Alert, type AlertRule, type Metrics, type MetricsWindow, type Purpose, type SenderNumber } from '../dashboard-types.js';
import {
  dailyRateSummary, dayToUnixSeconds, plural, errorCodeName, formatCount, formatInstant, formatDay, formatRate, formatRatio, formatUsd,
  formatRuleValue, metricsPath, reasonLabel, ruleThreshold, safeRate, thresholdStatus, unitsByRule, WINDOW_LABELS, type AlertUnit, type ThresholdStatus,
} from '../figures.js';
import { ErrorNotice, Section, StatusBadge, TableWrap } from './parts.js';
import { useApiGet } from './use-api.js';
import './pages.css';

/** The overview page. */
export function OverviewPage() {
  const [win, setWin] = useState<MetricsWindow>('7d');
  const [number, setNumber] = useState('');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const metrics = useApiGet<Metrics>(metricsPath(win, number, purpose));
  const alerts = useApiGet<{ alerts: Alert[] }>('/v1/alerts?status=open');
  const rules = useApiGet<{ rules: AlertRule[] }>('/v1/alert-rules');
  const numbers = useApiGet<{ numbers: SenderNumber[] }>('/v1/numbers');
  const m = metrics.data;
  const ruleList = rules.data?.rules ?? [];

  return (
    <div class="pg-page" data-testid="overview-page">
      <div class="pg-page-head">
        <h1>Overview</h1>
        <p class="pg-muted">{m === null ? WINDOW_LABELS[win] : `${WINDOW_LABELS[m.window]}: ${formatInstant(m.from)} to ${formatInstant(m.to)}`}</p>
      </div>

      <OpenAlerts alerts={alerts.data?.alerts ?? null} error={alerts.error} units={unitsByRule(ruleList)} />

      <form class="pg-filters" aria-label="Filters" onSubmit={(e) => { e.preventDefault(); }}>
        <fieldset class="pg-segmented">
          <legend>Window</legend>
          {WINDOWS.map((w) => (
            <label key={w} class={w === win ? 'pg-seg-on' : ''}>
              <input type="radio" name="window" value={w} checked={w === win} onChange={() => { setWin(w); }} />
              {w}
            </label>
          ))}
        </fieldset>
        <label class="pg-field">
          <span>Sender number</span>
          <select value={number} onChange={(e) => { setNumber(e.currentTarget.value); }}>
            <option value="">All numbers</option>
            {(numbers.data?.numbers ?? []).map((n) => <option key={n.phone} value={n.phone}>{n.phone}</option>)}
          </select>
        </label>
        <label class="pg-field">
          <span>Purpose</span>
          <select value={purpose} onChange={(e) => { setPurpose(e.currentTarget.value as Purpose | ''); }}>
            <option value="">All purposes</option>
            {PURPOSES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <p class="pg-live pg-muted" aria-live="polite">{metrics.loading ? 'Loading figures…' : ''}</p>
      </form>

      <ErrorNotice error={metrics.error} what="the figures" />
      {m === null ? null : <Figures m={m} rules={ruleList} />}
    </div>
  );
}

function OpenAlerts({ alerts, error, units }: { alerts: Alert[] | null; error: ApiError | null; units: ReadonlyMap<string, AlertUnit> }) {
  return (
    <Section id="open-alerts" title={alerts === null ? 'Open alerts' : `Open alerts (${alerts.length})`}>
      <ErrorNotice error={error} what="the alerts" />
      {alerts === null ? null : alerts.length === 0
        ? <p class="pg-ok-text" data-testid="no-open-alerts">✓ No open alerts.</p>
        : (
          <ul class="pg-alerts" data-testid="open-alerts">
            {alerts.map((a) => (
              <li key={a.id} class="pg-alert" data-rule={a.rule}>
                <p><span class="pg-badge pg-badge-over">⚠ Open</span> <strong>{a.message}</strong></p>
                <p class="pg-muted">
                  Rule <code>{a.rule}</code>{a.scope === null ? '' : ` on ${a.scope}`} · value {formatRuleValue(a.value, units.get(a.rule), a.rule)} against {formatRuleValue(a.threshold, units.get(a.rule), a.rule)} · since {formatInstant(a.openedAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      {alerts !== null && alerts.length > 0 ? <p><a href="/alerts">See every alert and its history</a></p> : null}
    </Section>
  );
}

function Figures({ m, rules }: { m: Metrics; rules: AlertRule[] }) {
  const t = m.totals;
  const errorThreshold = ruleThreshold(rules, 'deliveryErrorRate');
  const optOutThreshold = ruleThreshold(rules, 'optOutRate');
  return (
    <>
      <Section id="headline" title="Headline figures">
        <ul class="pg-tiles" data-testid="tiles">
          <Tile label="Sent" value={formatCount(t.sent)} detail={`${formatCount(t.uniqueRecipients)} recipients`} testId="tile-sent" />
          <Tile label="Delivered" value={formatCount(t.delivered)} detail={`${formatRate(safeRate(t.delivered, t.sent), 1)} of sent`} testId="tile-delivered" />
          <Tile
            label="Delivery error rate" value={formatRate(t.deliveryErrorRate)} testId="tile-error-rate"
            detail={`${formatCount(t.failed)} failed, ${formatCount(t.undelivered)} undelivered${errorThreshold === null ? '' : ` · alert at ${formatRate(errorThreshold)}`}`}
            status={thresholdStatus(t.deliveryErrorRate, errorThreshold)}
          />
          <Tile
            label="Opt-out rate" value={formatRate(m.optOuts.rate)} testId="tile-optout-rate"
            detail={`${formatCount(m.optOuts.count)} opt-outs${optOutThreshold === null ? '' : ` · alert at ${formatRate(optOutThreshold)}`}`}
            status={thresholdStatus(m.optOuts.rate, optOutThreshold)}
          />
          <Tile label="Segments" value={formatCount(t.segments)} detail={`≈ ${formatUsd(t.estimatedCostUsd)} at ${formatUsd(t.pricePerSegmentUsd)} a segment`} testId="tile-segments" />
          <Tile label="Prevented" value={formatCount(m.prevented.blocked)} detail={`blocked; ${formatUsd(m.prevented.exposureUsd)} Sev-0 exposure avoided`} testId="tile-prevented" />
        </ul>
      </Section>
      <DailyCharts m={m} errorThreshold={errorThreshold} optOutThreshold={optOutThreshold} />
      <ErrorsTable m={m} />
      <OptOutsTables m={m} />
      <NumbersTable m={m} />
      <BulkTable m={m} />
      <PreventedTable m={m} />
    </>
  );
}

function Tile({ label, value, detail, status, testId }: { label: string; value: string; detail: string; status?: ThresholdStatus; testId: string }) {
  return (
    <li class={`pg-tile${status === undefined ? '' : ` pg-tile-${status.level}`}`} data-testid={testId}>
      <p class="pg-tile-label">{label}</p>
      <p class="pg-tile-value">{value}</p>
      <p class="pg-tile-detail">{detail}</p>
      {status === undefined || status.level === 'none' ? null : <StatusBadge status={status} />}
    </li>
  );
}

function DailyCharts({ m, errorThreshold, optOutThreshold }: { m: Metrics; errorThreshold: number | null; optOutThreshold: number | null }) {
  const days = m.daily;
  if (days.length === 0) return <Section id="daily" title="Day by day"><p class="pg-muted">No traffic in this window.</p></Section>;
  const x = days.map((d) => dayToUnixSeconds(d.day));
  const xLabels = days.map((d) => formatDay(d.day));
  const sum = (k: 'sent' | 'delivered' | 'failed' | 'optOuts' | 'inbound' | 'blocked') => days.reduce((acc, d) => acc + d[k], 0);
  const errorRates = days.map((d) => safeRate(d.failed, d.sent));
  const optOutRates = days.map((d) => safeRate(d.optOuts, d.sent));
  const pct = (v: number) => formatRate(v, 1);
  const rateThresholds = [
    ...(errorThreshold === null ? [] : [{ label: 'Error-rate alert', value: errorThreshold }]),
    ...(optOutThreshold === null ? [] : [{ label: 'Opt-out alert', value: optOutThreshold }]),
  ];
  return (
    <Section id="daily" title="Day by day">
      <div class="pg-charts">
        <SeriesChart
          title="Texts per day"
          summary={`Over ${plural(days.length, 'day')}: ${formatCount(sum('sent'))} sent, ${formatCount(sum('delivered'))} delivered, ${formatCount(sum('failed'))} failed.`}
          x={x} xLabels={xLabels}
          series={[
            { label: 'Sent', values: days.map((d) => d.sent), color: CHART_COLORS.blue },
            { label: 'Delivered', values: days.map((d) => d.delivered), color: CHART_COLORS.green, dash: [10, 3] },
            { label: 'Failed', values: days.map((d) => d.failed), color: CHART_COLORS.red, dash: [2, 3] },
          ]}
        />
        <SeriesChart
          title="Error and opt-out rates per day"
          summary={`${capitalise(dailyRateSummary('delivery error rate', errorRates, errorThreshold))}; ${dailyRateSummary('opt-out rate', optOutRates, optOutThreshold)}. Daily rates are over texts sent that day.`}
          x={x} xLabels={xLabels} format={pct}
          series={[
            { label: 'Delivery error rate', values: errorRates, color: CHART_COLORS.orange },
            { label: 'Opt-out rate', values: optOutRates, color: CHART_COLORS.purple, dash: [10, 3] },
          ]}
          thresholds={rateThresholds}
        />
        <SeriesChart
          title="Opt-outs and replies per day"
          summary={`${formatCount(sum('optOuts'))} opt-outs and ${formatCount(sum('inbound'))} inbound replies over ${plural(days.length, 'day')}.`}
          x={x} xLabels={xLabels}
          series={[
            { label: 'Opt-outs', values: days.map((d) => d.optOuts), color: CHART_COLORS.purple },
            { label: 'Inbound replies', values: days.map((d) => d.inbound), color: CHART_COLORS.grey, dash: [10, 3] },
          ]}
        />
        <SeriesChart
          title="Blocked by Clearsend per day"
          summary={`${formatCount(sum('blocked'))} texts blocked before they reached a carrier over ${plural(days.length, 'day')}.`}
          x={x} xLabels={xLabels}
          series={[{ label: 'Blocked', values: days.map((d) => d.blocked), color: CHART_COLORS.red }]}
        />
      </div>
    </Section>
  );
}

function Empty({ children }: { children: string }) {
  return <p class="pg-muted">{children}</p>;
}

function ErrorsTable({ m }: { m: Metrics }) {
  return (
    <Section id="errors" title="Failures by carrier error code">
      {m.errors.length === 0 ? <Empty>No failures in this window.</Empty> : (
        <TableWrap label="Failures by carrier error code">
          <table data-testid="errors-table">
            <thead><tr><th scope="col">Code</th><th scope="col">What it means</th><th scope="col" class="pg-num">Texts</th><th scope="col" class="pg-num">Rate</th></tr></thead>
            <tbody>
              {m.errors.map((e) => (
                <tr key={e.code}>
                  <td><code>{e.code}</code></td>
                  <th scope="row">{errorCodeName(e.code, e.name)}</th>
                  <td class="pg-num">{formatCount(e.count)}</td>
                  <td class="pg-num">{formatRate(e.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

function OptOutsTables({ m }: { m: Metrics }) {
  const o = m.optOuts;
  return (
    <Section id="optouts" title="Opt-outs">
      <p>
        <strong>{formatCount(o.count)}</strong> opt-outs over {formatCount(m.totals.uniqueRecipients)} recipients messaged: {formatRate(o.rate)}.
      </p>
      <div class="pg-two">
        <TableWrap label="Opt-outs by keyword">
          <table data-testid="optouts-by-keyword">
            <caption>By keyword</caption>
            <thead><tr><th scope="col">Keyword</th><th scope="col" class="pg-num">Opt-outs</th></tr></thead>
            <tbody>
              {o.byKeyword.length === 0 ? <tr><td colSpan={2} class="pg-muted">None</td></tr>
                : o.byKeyword.map((k) => <tr key={k.keyword}><th scope="row"><code>{k.keyword}</code></th><td class="pg-num">{formatCount(k.count)}</td></tr>)}
            </tbody>
          </table>
        </TableWrap>
        <TableWrap label="Opt-outs by phrase">
          <table data-testid="optouts-by-phrase">
            <caption>By phrase (plain-language opt-outs such as “please stop texting me”)</caption>
            <thead><tr><th scope="col">Phrase</th><th scope="col" class="pg-num">Opt-outs</th></tr></thead>
            <tbody>
              {o.byPhrase.length === 0 ? <tr><td colSpan={2} class="pg-muted">None</td></tr>
                : o.byPhrase.map((p) => <tr key={p.phrase}><th scope="row">“{p.phrase.replace(/_/g, ' ')}”</th><td class="pg-num">{formatCount(p.count)}</td></tr>)}
            </tbody>
          </table>
        </TableWrap>
      </div>
    </Section>
  );
}

function NumbersTable({ m }: { m: Metrics }) {
  return (
    <Section id="numbers-health" title="Replies and speed per number">
      <p class="pg-muted">Carriers read many outbound texts with almost no replies as unsolicited traffic; sending faster than a number's limit gets texts queued or dropped.</p>
      {m.numbers.length === 0 ? <Empty>No sender number sent texts in this window.</Empty> : (
        <TableWrap label="Replies and speed per number (table)">
          <table data-testid="numbers-table" class="pg-stack">
            <thead>
              <tr>
                <th scope="col">Number</th><th scope="col" class="pg-num">Out / in</th><th scope="col">Outbound : inbound</th>
                <th scope="col">Peak speed</th><th scope="col">Limit use</th>
              </tr>
            </thead>
            <tbody>
              {m.numbers.map((n) => {
                const ratio: ThresholdStatus = n.overRatio ? { level: 'over', text: 'Over threshold' } : thresholdStatus(n.ratio, n.ratioThreshold);
                const speed = thresholdStatus(n.limitUse, 1);
                return (
                  <tr key={n.phone}>
                    <th scope="row">{n.phone}</th>
                    <td class="pg-num" data-label="Out / in">{formatCount(n.outbound)} / {formatCount(n.inbound)}</td>
                    <td data-label="Outbound : inbound">{formatRatio(n.ratio)} <span class="pg-muted">(limit {formatRatio(n.ratioThreshold)})</span> <StatusBadge status={ratio} /></td>
                    <td data-label="Peak speed">{formatCount(n.peakPerMinute)}/min <span class="pg-muted">{n.limitPerMinute === null ? '(no limit known)' : `(limit ${formatCount(n.limitPerMinute)}/min)`}</span></td>
                    <td data-label="Limit use">
                      {n.limitUse === null ? '–' : (
                        <>
                          <meter min={0} max={1} low={0.8} high={0.95} optimum={0} value={Math.min(n.limitUse, 1)} aria-label={`Limit use of ${n.phone}`}>{formatRate(n.limitUse, 0)}</meter>{' '}
                          {formatRate(n.limitUse, 0)} <StatusBadge status={speed} />
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

function BulkTable({ m }: { m: Metrics }) {
  return (
    <Section id="bulk" title="Bulk identical content">
      <p class="pg-muted">The same or nearly the same text (names, numbers and links removed) sent to many recipients in a short time: carriers filter such bursts.</p>
      {m.bulk.length === 0 ? <Empty>No bulk identical content in this window.</Empty> : (
        <TableWrap label="Bulk identical content">
          <table data-testid="bulk-table">
            <thead><tr><th scope="col">Text (sample)</th><th scope="col" class="pg-num">Recipients</th><th scope="col">Between</th></tr></thead>
            <tbody>
              {m.bulk.map((b) => (
                <tr key={b.key}>
                  <th scope="row" class="pg-sample">{b.sample}</th>
                  <td class="pg-num">{formatCount(b.recipients)}</td>
                  <td>{formatInstant(b.firstAt)} – {formatInstant(b.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

function PreventedTable({ m }: { m: Metrics }) {
  const p = m.prevented;
  return (
    <Section id="prevented" title="What Clearsend prevented">
      <p>
        <strong>{formatCount(p.blocked)}</strong> texts blocked and <strong>{formatCount(p.deferred)}</strong> deferred.
        Sev-0 fine exposure avoided: <strong data-testid="sev0-exposure">{formatUsd(p.exposureUsd)}</strong>.
      </p>
      {p.byReason.length === 0 ? <Empty>{p.blocked + p.deferred === 0 ? 'Nothing was blocked or deferred in this window.' : 'No reason codes are recorded for these texts.'}</Empty> : (
        <TableWrap label="Prevented by reason">
          <table data-testid="prevented-table">
            <thead><tr><th scope="col">Reason</th><th scope="col" class="pg-num">Texts</th><th scope="col">Sev-0 tier</th><th scope="col" class="pg-num">Exposure avoided</th></tr></thead>
            <tbody>
              {p.byReason.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{reasonLabel(r.code)} <code class="pg-muted pg-code-aside">{r.code}</code></th>
                  <td class="pg-num">{formatCount(r.count)}</td>
                  <td>{r.sev0Tier ?? '–'}</td>
                  <td class="pg-num">{formatUsd(r.exposureUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Section>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
