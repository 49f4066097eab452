/** Small display helpers shared by the dashboard pages. */

/** An ISO instant in the viewer's time zone, short (`Mar 10, 4:02:11 PM`); '—' for null. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });
}

/** A ratio 0…1 as a percentage with one decimal. */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(1)}%`;
}

/** A path segment or query value, encoded (phone numbers carry a `+`). */
export function enc(value: string): string {
  return encodeURIComponent(value);
}
