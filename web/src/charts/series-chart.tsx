/**
 * A line chart over days or instants, drawn by uPlot, with dashed threshold lines, and a data table
 * next to it as the text alternative (the canvas itself is `role="img"` with a one-sentence summary).
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One plotted line. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Colour (the dash pattern and the legend label tell series apart as well). */
  color: string;
  dash?: number[];
}

/** A horizontal line at a limit, e.g. the opt-out rate alert threshold. */
export interface ChartThreshold {
  label: string;
  value: number;
}

/** See the module comment. */
export interface SeriesChartProps {
  /** Visible title; also names the figure and its table. */
  title: string;
  /** One or two sentences a screen reader reads instead of the picture. */
  summary: string;
  /** X values in Unix seconds, ascending. */
  x: number[];
  /** Row labels of the data table, one per x value. */
  xLabels: string[];
  series: ChartSeries[];
  thresholds?: ChartThreshold[];
  /** Formats y values in the axis, legend and table (counts by default). */
  format?: (v: number) => string;
  height?: number;
  /** Show instants in this zone; days (00:00 UTC) read best in UTC. */
  timeZone?: string;
  /** Name of the x column (legend and table). */
  xName?: string;
}

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and dark enough on white. */
export const CHART_COLORS = { blue: '#0072B2', green: '#007A5A', red: '#C0392B', purple: '#8E44AD', orange: '#B35900', grey: '#4D4D4D' } as const;

const THRESHOLD_COLOR = '#B00020';
const defaultFormat = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);

/** See the module comment. */
export function SeriesChart(props: SeriesChartProps) {
  const { title, summary, x, xLabels, series, thresholds = [], height = 220, timeZone = 'UTC', xName = 'Date' } = props;
  const format = props.format ?? defaultFormat;
  const host = useRef<HTMLDivElement>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const titleId = `chart-${slug(title)}`;
  // callers build fresh arrays on every render: redraw only when the figures change
  const dataKey = JSON.stringify([x, series, thresholds, height, timeZone, xName]);

  useEffect(() => {
    const el = host.current;
    if (el === null) return undefined;
    const data: uPlot.AlignedData = [
      x,
      ...series.map((s) => s.values),
      ...thresholds.map((t) => x.map(() => t.value)),
    ];
    const format = (v: number) => formatRef.current(v);
    const fmt = (_u: uPlot, v: number | null) => (v === null ? '–' : format(v));
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 280),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      // for a single x value (one day, one reading) uPlot spans years: show half a day either side
      scales: { x: { time: true, range: (_u, min, max) => (x.length === 1 && x[0] !== undefined ? [x[0] - 43_200, x[0] + 43_200] : [min, max]) }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(max * 1.1, ...thresholds.map((t) => t.value * 1.15), 1e-9)] } },
      axes: [
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, space: 70 },
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, size: 60, values: (_u, splits) => splits.map((v) => format(v)) },
      ],
      series: [
        { label: xName },
        ...series.map((s): uPlot.Series => ({
          label: s.label, stroke: s.color, width: 2, value: fmt,
          ...(s.dash === undefined ? {} : { dash: s.dash }),
          points: { show: x.length <= 31, size: 5 },
        })),
        ...thresholds.map((t): uPlot.Series => ({
          label: `${t.label} (${format(t.value)})`, stroke: THRESHOLD_COLOR, width: 1.5, dash: [6, 4], points: { show: false }, value: fmt,
        })),
      ],
      legend: { live: true },
    };
    const plot = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => { plot.setSize({ width: Math.max(el.clientWidth, 280), height }); });
    observer.observe(el);
    return () => { observer.disconnect(); plot.destroy(); };
  }, [dataKey]);

  return (
    <figure class="pg-chart" aria-labelledby={titleId}>
      <figcaption id={titleId} class="pg-chart-title">{title}</figcaption>
      <div ref={host} class="pg-chart-canvas" role="img" aria-label={`${title}. ${summary}`} />
      <p class="pg-chart-summary">{summary}</p>
      <details class="pg-chart-data">
        <summary>Show the data as a table</summary>
        <div class="pg-table-wrap" role="region" aria-label={`${title}: data`} tabIndex={0}>
          <table>
            <caption class="pg-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{xName}</th>
                {series.map((s) => <th scope="col" key={s.label}>{s.label}</th>)}
                {thresholds.map((t) => <th scope="col" key={t.label}>{t.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {xLabels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => { const v = s.values[i]; return <td key={s.label}>{v == null ? '–' : format(v)}</td>; })}
                  {thresholds.map((t) => <td key={t.label}>{format(t.value)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
