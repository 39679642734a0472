import type { ForecastSeries } from './forecast';
import { chartSpec } from './forecast';
import { clock, shortDay } from './format';

/**
 * Draws a forecast with uPlot, which is loaded only here (a dynamic import), so that the first screen does not
 * carry it. The canvas is hidden from screen readers: the screen gives the same numbers as text and a table.
 */
export async function drawChart(target: HTMLElement, s: ForecastSeries): Promise<() => void> {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  const spec = chartSpec(s);
  const widthOf = () => Math.max(240, Math.min(640, Math.floor(target.getBoundingClientRect().width) || 300));
  const chart = new UPlot(
    {
      width: widthOf(),
      height: 220,
      series: spec.series,
      bands: spec.bands,
      scales: { x: { time: true }, y: { range: spec.yRange } },
      axes: [
        {
          stroke: '#1a1a1a',
          space: 56,
          values: (_u: unknown, splits: number[]) =>
            splits.map((v) => (s.metric === 'sleep' ? shortDay(new Date(v * 1000)) : clock(new Date(v * 1000)))),
        },
        { stroke: '#1a1a1a', label: spec.yLabel, size: 44 },
      ],
      legend: { show: false },
      cursor: { show: false },
    },
    spec.data as unknown as import('uplot').AlignedData,
    target,
  );
  // Follows the screen's width (a turned phone, a resized window).
  const observer =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          const width = widthOf();
          if (width !== chart.width) chart.setSize({ width, height: 220 });
        });
  observer?.observe(target);
  return () => {
    observer?.disconnect();
    chart.destroy();
  };
}
