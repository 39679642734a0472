import type { ForecastAnswer, ForecastPoint } from './answers';
import { clock, shortDay } from './format';

/**
 * A forecast answer as the chart and its text alternative need it: columns of the points (x in Unix seconds, as
 * uPlot takes it), or "none" with why (the job has not run yet, too little history, or no answer at all).
 */

export type Metric = 'sleep' | 'stress';

export interface ForecastSeries {
  readonly metric: Metric;
  readonly state: 'ok' | 'none';
  /** Why there is no forecast, in words; null when there is one. */
  readonly reason: string | null;
  readonly x: number[];
  readonly mean: number[];
  readonly lo80: number[];
  readonly hi80: number[];
  readonly lo95: number[];
  readonly hi95: number[];
  readonly model: string | null;
}

function finitePoint(p: ForecastPoint): boolean {
  return (
    Number.isFinite(Date.parse(p.t)) &&
    [p.mean, p.lo80, p.hi80, p.lo95, p.hi95].every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}

function none(metric: Metric, reason: string): ForecastSeries {
  return { metric, state: 'none', reason, x: [], mean: [], lo80: [], hi80: [], lo95: [], hi95: [], model: null };
}

/** `answer` null when the server had none to give (404). */
export function forecastSeries(metric: Metric, answer: ForecastAnswer | null): ForecastSeries {
  if (answer === null) return none(metric, 'No forecast yet.');
  if (answer.status === 'not_computed') return none(metric, 'No forecast yet: ZenMoon has not made one for this child.');
  if (answer.status === 'insufficient_data') {
    return none(metric, `No forecast yet: not enough history${answer.reason ? ` (${answer.reason})` : ''}.`);
  }
  const points = (answer.points ?? []).filter(finitePoint);
  if (points.length === 0) return none(metric, 'No forecast yet.');
  return {
    metric,
    state: 'ok',
    reason: null,
    x: points.map((p) => Date.parse(p.t) / 1000),
    mean: points.map((p) => p.mean),
    lo80: points.map((p) => p.lo80),
    hi80: points.map((p) => p.hi80),
    lo95: points.map((p) => p.lo95),
    hi95: points.map((p) => p.hi95),
    model: answer.model ?? null,
  };
}

/** How a value reads: sleep in hours with one decimal, stress as a score out of 100. */
export function formatValue(metric: Metric, v: number): string {
  return metric === 'sleep' ? `${v.toFixed(1)} h` : `${Math.round(v * 100)}`;
}

/** The label of a point: a night's date for sleep, the hour for stress. */
export function pointLabel(metric: Metric, seconds: number): string {
  const d = new Date(seconds * 1000);
  return metric === 'sleep' ? `night to ${shortDay(d)}` : clock(d);
}

/** One sentence for screen readers and for everybody above the chart. */
export function forecastSummary(s: ForecastSeries): string {
  if (s.state === 'none') return s.reason ?? 'No forecast yet.';
  const n = s.x.length;
  const avg = s.mean.reduce((a, b) => a + b, 0) / n;
  const lo = Math.min(...s.lo80);
  const hi = Math.max(...s.hi80);
  if (s.metric === 'sleep') {
    return `Sleep over the next ${n} night${n === 1 ? '' : 's'}: about ${formatValue('sleep', avg)} a night; 8 nights in 10 between ${formatValue('sleep', lo)} and ${formatValue('sleep', hi)}.`;
  }
  const peak = s.mean.indexOf(Math.max(...s.mean));
  return `Stress over the next ${n} hour${n === 1 ? '' : 's'}: about ${formatValue('stress', avg)} out of 100 on average, highest around ${pointLabel('stress', s.x[peak]!)} (${formatValue('stress', s.mean[peak]!)}); 8 hours in 10 between ${formatValue('stress', lo)} and ${formatValue('stress', hi)}.`;
}

/** The rows of the visually hidden table: label, expected, 80 % range, 95 % range. */
export function forecastRows(s: ForecastSeries): string[][] {
  return s.x.map((x, i) => [
    pointLabel(s.metric, x),
    formatValue(s.metric, s.mean[i]!),
    `${formatValue(s.metric, s.lo80[i]!)} to ${formatValue(s.metric, s.hi80[i]!)}`,
    `${formatValue(s.metric, s.lo95[i]!)} to ${formatValue(s.metric, s.hi95[i]!)}`,
  ]);
}

/** The series order of the chart's data, which the bands refer to by index. */
export const SERIES = { x: 0, hi95: 1, lo95: 2, hi80: 3, lo80: 4, mean: 5 } as const;

export interface ChartSpec {
  readonly data: number[][];
  readonly series: Array<{ label?: string; stroke?: string; width?: number; dash?: number[]; points?: { show: boolean } }>;
  readonly bands: Array<{ series: [number, number]; fill: string }>;
  readonly yRange: [number, number];
  readonly yLabel: string;
}

/** The data, series and bands of a forecast chart (uPlot's shapes, without uPlot itself). */
export function chartSpec(s: ForecastSeries): ChartSpec {
  const unit = s.metric === 'sleep' ? 'hours' : 'stress 0–1';
  const edge = { stroke: '#5b6f8a', width: 1, points: { show: false } };
  const maxHi = Math.max(...s.hi95, 0);
  return {
    data: [s.x, s.hi95, s.lo95, s.hi80, s.lo80, s.mean],
    series: [
      {},
      { label: '95 % upper', ...edge, dash: [4, 4] },
      { label: '95 % lower', ...edge, dash: [4, 4] },
      { label: '80 % upper', ...edge },
      { label: '80 % lower', ...edge },
      { label: 'expected', stroke: '#1d3557', width: 2, points: { show: true } },
    ],
    bands: [
      { series: [SERIES.hi95, SERIES.lo95], fill: 'rgba(29, 53, 87, 0.12)' },
      { series: [SERIES.hi80, SERIES.lo80], fill: 'rgba(29, 53, 87, 0.25)' },
    ],
    yRange: s.metric === 'sleep' ? [0, Math.max(12, Math.ceil(maxHi))] : [0, 1],
    yLabel: unit,
  };
}
