import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../api.js';
import type { Metrics, NumberView } from '../dashboard-types.js';
import { formatPercent, formatTime } from '../shell-format.js';

/** One sender's health, from GET /v1/metrics (`numbers`). */
type NumberHealth = Metrics['numbers'][number];

type Health = { kind: 'loading' } | { kind: 'ok'; byPhone: Map<string, NumberHealth> } | { kind: 'missing' } | { kind: 'error'; message: string };

function registration(n: NumberView, now: number): { label: string; cls: string } {
  if (!n.registered) return { label: 'not registered', cls: 'sev-block' };
  if (n.usableFrom !== null && Date.parse(n.usableFrom) > now) return { label: `registered, usable from ${formatTime(n.usableFrom)}`, cls: 'sev-defer' };
  return { label: 'registered, usable', cls: 'sev-ok' };
}

/** Sender numbers: 10DLC / toll-free registration, when usable, and 24-hour health and speed against the limit. */
export function NumbersPage() {
  const [numbers, setNumbers] = useState<NumberView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [health, setHealth] = useState<Health>({ kind: 'loading' });

  useEffect(() => {
    apiGet<{ numbers: NumberView[] }>('/v1/numbers')
      .then((r) => { setNumbers(r.numbers); })
      .catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); });
    apiGet<{ numbers: NumberHealth[] }>('/v1/metrics?window=24h')
      .then((m) => { setHealth({ kind: 'ok', byPhone: new Map(m.numbers.map((n) => [n.phone, n])) }); })
      .catch((e: unknown) => {
        setHealth(e instanceof ApiError && e.status === 404 ? { kind: 'missing' } : { kind: 'error', message: e instanceof Error ? e.message : String(e) });
      });
  }, []);

  const now = Date.now();
  return (
    <section aria-labelledby="numbers-title">
      <h1 id="numbers-title">Numbers</h1>
      <p class="lede">Carriers read a long code that sends far more than it receives as unsolicited traffic, and throttle one that sends faster than its campaign allows. Figures cover the last 24 hours.</p>
      {error === null ? null : <p class="error" role="alert">{error}</p>}
      {health.kind === 'missing' ? <p class="notice">Health figures are not available on this server yet (no /v1/metrics).</p> : null}
      {health.kind === 'error' ? <p class="error" role="alert">Health figures could not be loaded: {health.message}</p> : null}
      {numbers === null ? (error === null ? <p role="status">Loading…</p> : null) : numbers.length === 0 ? (
        <p class="empty">No sender numbers yet. Add one with <code>PUT /v1/numbers/+1…</code>.</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <caption class="visually-hidden">Sender numbers</caption>
            <thead>
              <tr>
                <th scope="col">Number</th><th scope="col">Registration</th><th scope="col">Campaign</th>
                <th scope="col" class="num">Sent / received</th><th scope="col" class="num">Outbound:inbound</th>
                <th scope="col" class="num">Peak per minute</th><th scope="col" class="num">Limit use</th>
              </tr>
            </thead>
            <tbody>
              {numbers.map((n) => {
                const reg = registration(n, now);
                const h = health.kind === 'ok' ? health.byPhone.get(n.phone) : undefined;
                return (
                  <tr key={n.phone}>
                    <th scope="row" class="nowrap">{n.phone}<div class="muted small">{n.provider}</div></th>
                    <td><span class={`badge ${reg.cls}`}>{reg.label}</span></td>
                    <td>{n.campaignId ?? '—'}</td>
                    <td class="num">{h === undefined ? '—' : `${String(h.outbound)} / ${String(h.inbound)}`}</td>
                    <td class="num">
                      {h === undefined || h.ratio === null ? '—' : `${h.ratio.toFixed(1)}:1`}
                      {h?.overRatio === true ? <span class="badge sev-block"> over {h.ratioThreshold}:1</span> : null}
                    </td>
                    <td class="num">{h === undefined ? '—' : `${String(h.peakPerMinute)}${h.limitPerMinute === null ? '' : ` of ${String(h.limitPerMinute)}`}`}</td>
                    <td class="num">
                      {h === undefined || h.limitUse === null ? '—' : (
                        <meter min={0} max={1} low={0.7} high={0.9} optimum={0} value={Math.min(h.limitUse, 1)} aria-label={`limit use ${formatPercent(h.limitUse)}`}>{formatPercent(h.limitUse)}</meter>
                      )}
                      {h === undefined || h.limitUse === null ? null : <span> {formatPercent(h.limitUse)}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
