import { describe, expect, it } from 'vitest';
import type { Epoch, SleepEpisode } from '../src/parents/answers';
import { chronotypeView, median, sleepView, stressLevel, stressView } from '../src/parents/summary';

const DAY = 86_400_000;

/** An episode of `minutes` starting at 22:00 UTC `daysAgo` days before 2026-03-20. */
function night(daysAgo: number, minutes: number): SleepEpisode {
  const onset = Date.parse('2026-03-20T22:00:00Z') - daysAgo * DAY;
  return { onset: new Date(onset).toISOString(), wake: new Date(onset + minutes * 60_000).toISOString(), source: 'device' };
}

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('sleepView', () => {
  it('shows the last 7 nights against the median of the 28 days before them, and the debt', () => {
    // 28 usual nights before: 20 of 540 min and 8 of 480 min (median 540); one older, outside the 28 days.
    const usual = [
      ...Array.from({ length: 20 }, (_, i) => night(7 + i, 540)),
      ...Array.from({ length: 8 }, (_, i) => night(27 + i, 480)),
      night(40, 100),
    ];
    const last = [night(6, 480), night(5, 540), night(4, 600), night(3, 510), night(2, 540), night(1, 420), night(0, 500)];
    const view = sleepView([...last, ...usual].reverse());

    expect(view.nights.map((n) => n.minutes)).toEqual([480, 540, 600, 510, 540, 420, 500]);
    expect(view.usualFrom).toBe(28);
    expect(view.usualMinutes).toBe(540);
    expect(view.nights.map((n) => n.againstUsual)).toEqual([-60, 0, 60, -30, 0, -120, -40]);
    // Nights above the usual do not pay back the others: 60 + 30 + 120 + 40.
    expect(view.debtMinutes).toBe(250);
    expect(view.text).toBe(
      'Last night: 8 h 20 min. That is 40 min less than the usual 9 h. Over the last 7 nights: 4 h 10 min less than usual in all.',
    );
  });

  it('says when there is no usual yet, and when nothing was recorded', () => {
    const view = sleepView([night(1, 500), night(0, 515)]);
    expect(view.usualMinutes).toBeNull();
    expect(view.debtMinutes).toBeNull();
    expect(view.nights.map((n) => n.againstUsual)).toEqual([null, null]);
    expect(view.text).toBe('Last night: 8 h 35 min. Not enough earlier nights yet to know what is usual.');
    expect(sleepView([]).text).toBe('No sleep recorded yet.');
  });
});

describe('stressView', () => {
  const now = new Date(2026, 2, 20, 15, 0);
  const midnight = new Date(2026, 2, 20, 0, 0).getTime();
  const epochs = (n: number, stress: (i: number) => number | null, start = midnight + 8 * 3_600_000): Epoch[] =>
    Array.from({ length: n }, (_, i) => ({ t: new Date(start + i * 60_000).toISOString(), stress: stress(i) }));

  it('needs 30 scored minutes of today', () => {
    const view = stressView([...epochs(29, () => 0.8), ...epochs(20, () => null, midnight + 10 * 3_600_000)], now);
    expect(view.mean).toBeNull();
    expect(view.level).toBe('unknown');
    expect(view.text).toBe('Not enough data today yet (29 of 30 minutes needed).');
  });

  it('is the mean of today only, from local midnight', () => {
    const yesterday = epochs(60, () => 0.9, midnight - 2 * 3_600_000);
    const today = epochs(40, (i) => (i < 20 ? 0.2 : 0.6));
    const view = stressView([...yesterday, ...today], now);
    expect(view.minutes).toBe(40);
    expect(Number.isFinite(view.mean)).toBe(true);
    expect(view.mean!).toBeCloseTo(0.4, 10);
    expect(view.level).toBe('uneasy');
    expect(view.text).toBe('Medium stress today: 40 out of 100, over 40 min of wear.');
  });

  it('sorts scores into calm, uneasy and stressed at 0.35 and 0.6', () => {
    expect(stressLevel(0.34)).toBe('calm');
    expect(stressLevel(0.35)).toBe('uneasy');
    expect(stressLevel(0.59)).toBe('uneasy');
    expect(stressLevel(0.6)).toBe('stressed');
    expect(stressLevel(null)).toBe('unknown');
  });
});

describe('chronotypeView', () => {
  it('puts the category in plain words', () => {
    expect(chronotypeView({ status: 'ok', category: 'early_bird' }).text).toBe('An early bird: sleeps and wakes early.');
    expect(chronotypeView({ status: 'ok', category: 'night_owl' }).text).toBe('A night owl: sleeps and wakes late.');
    expect(chronotypeView({ status: 'ok', category: 'intermediate' }).category).toBe('intermediate');
  });

  it('is "not known yet" without a category, with the reason the server gave', () => {
    const view = chronotypeView({ status: 'insufficient_data', reason: '9 nights, 14 needed', category: null });
    expect(view.category).toBeNull();
    expect(view.text).toBe('Not known yet (9 nights, 14 needed).');
    expect(chronotypeView(null).text).toBe('Not known yet.');
    expect(chronotypeView(null, 'night_owl').category).toBe('night_owl');
  });
});
