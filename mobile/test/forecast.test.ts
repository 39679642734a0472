import { describe, expect, it } from 'vitest';
import type { ForecastAnswer } from '../src/parents/answers';
import { chartSpec, forecastRows, forecastSeries, forecastSummary, SERIES } from '../src/parents/forecast';

const sleep: ForecastAnswer = {
  metric: 'sleep',
  status: 'ok',
  model: 'ets',
  points: [
    { t: '2026-03-21T00:00:00Z', mean: 8.5, lo80: 7.9, hi80: 9.1, lo95: 7.5, hi95: 9.5 },
    { t: '2026-03-22T00:00:00Z', mean: 9.1, lo80: 8.2, hi80: 10.0, lo95: 7.8, hi95: 10.4 },
  ],
  backtest: { mase: 0.8, smape: 6.1 },
};

describe('forecastSeries', () => {
  it('turns the points into columns, x in Unix seconds', () => {
    const s = forecastSeries('sleep', sleep);
    expect(s.state).toBe('ok');
    expect(s.x).toEqual([Date.parse('2026-03-21T00:00:00Z') / 1000, Date.parse('2026-03-22T00:00:00Z') / 1000]);
    expect(s.mean).toEqual([8.5, 9.1]);
    expect(s.lo80).toEqual([7.9, 8.2]);
    expect(s.hi80).toEqual([9.1, 10.0]);
    expect(s.lo95).toEqual([7.5, 7.8]);
    expect(s.hi95).toEqual([9.5, 10.4]);
    expect(s.model).toBe('ets');
  });

  it('is "no forecast yet" before the job ran, with too little history, and on a 404', () => {
    const notComputed = forecastSeries('stress', {
      metric: 'stress',
      status: 'not_computed',
      reason: 'the forecast job has not run for this child yet',
    });
    expect(notComputed.state).toBe('none');
    expect(notComputed.reason).toBe('No forecast yet: ZenMoon has not made one for this child.');
    const short = forecastSeries('sleep', { metric: 'sleep', status: 'insufficient_data', reason: 'no epochs' });
    expect(short.state).toBe('none');
    expect(short.reason).toBe('No forecast yet: not enough history (no epochs).');
    expect(forecastSeries('sleep', null).state).toBe('none');
    expect(forecastSeries('sleep', null).x).toEqual([]);
  });

  it('leaves out points that are not numbers', () => {
    const s = forecastSeries('stress', {
      metric: 'stress',
      status: 'ok',
      points: [
        { t: '2026-03-21T10:00:00Z', mean: 0.4, lo80: 0.3, hi80: 0.5, lo95: 0.2, hi95: 0.6 },
        { t: '2026-03-21T11:00:00Z', mean: null as unknown as number, lo80: 0.3, hi80: 0.5, lo95: 0.2, hi95: 0.6 },
      ],
    });
    expect(s.mean).toEqual([0.4]);
  });
});

describe('chartSpec', () => {
  it('orders the data as its series and bands say: 95 % band, 80 % band, then the expected line', () => {
    const s = forecastSeries('sleep', sleep);
    const spec = chartSpec(s);
    expect(spec.data).toHaveLength(spec.series.length);
    expect(spec.data[SERIES.x]).toEqual(s.x);
    expect(spec.data[SERIES.mean]).toEqual(s.mean);
    expect(spec.bands).toHaveLength(2);
    const [outer, inner] = spec.bands;
    expect(spec.data[outer!.series[0]]).toEqual(s.hi95);
    expect(spec.data[outer!.series[1]]).toEqual(s.lo95);
    expect(spec.data[inner!.series[0]]).toEqual(s.hi80);
    expect(spec.data[inner!.series[1]]).toEqual(s.lo80);
    expect(spec.series[SERIES.mean]!.label).toBe('expected');
    expect(spec.yRange).toEqual([0, 12]);
    expect(chartSpec(forecastSeries('stress', { ...sleep, metric: 'stress' })).yRange).toEqual([0, 1]);
  });
});

describe('the text alternative', () => {
  it('sums up the forecast and gives each point as a table row', () => {
    const s = forecastSeries('sleep', sleep);
    expect(forecastSummary(s)).toBe('Sleep over the next 2 nights: about 8.8 h a night; 8 nights in 10 between 7.9 h and 10.0 h.');
    const rows = forecastRows(s);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.slice(1)).toEqual(['8.5 h', '7.9 h to 9.1 h', '7.5 h to 9.5 h']);
    expect(forecastSummary(forecastSeries('sleep', null))).toBe('No forecast yet.');
  });
});
