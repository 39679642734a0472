import type { ForecastSeries } from './forecast';
import { chartSpec, pointLabel } from './forecast';

/**
 * Draws a forecast with uPlot, which is loaded only here (a dynamic import), so that the first screen does not
 * carry it. The canvas is hidden from screen readers: the screen gives the same numbers as text and a table.
 */
export async function drawChart(target: HTMLElement, s: ForecastSeries): Promise<() => void> {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  const spec = chartSpec(s);
  const width = Math.max(280, Math.min(640, target.clientWidth || 320));
  const chart = new UPlot(
    {
      width,
      height: 220,
      series: spec.series,
      bands: spec.bands,
      scales: { x: { time: true }, y: { range: spec.yRange } },
      axes: [
        {
          stroke: '#1a1a1a',
          values: (_u: unknown, splits: number[]) => splits.map((v) => pointLabel(s.metric, v)),
        },
        { stroke: '#1a1a1a', label: spec.yLabel },
      ],
      legend: { show: false },
      cursor: { show: false },
    },
    spec.data as unknown as import('uplot').AlignedData,
    target,
  );
  return () => chart.destroy();
}
