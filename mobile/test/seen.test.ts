// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { SEEN_LIMIT, SeenAlerts } from '../src/parents/seen';

const T0 = Date.parse('2026-03-20T08:00:00Z');
/** An alert `i` minutes after T0. */
const alert = (i: number) => ({ alertId: `a${i}`, at: new Date(T0 + i * 60_000).toISOString() });

describe('SeenAlerts', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the seen ids per account, across instances (a reload)', () => {
    new SeenAlerts('parent-a').add([alert(1), alert(2)]);
    expect(new SeenAlerts('parent-a').has('a2')).toBe(true);
    expect(new SeenAlerts('parent-b').has('a2')).toBe(false);
    expect(new SeenAlerts(null).has('a2')).toBe(false);
  });

  it('keeps only the latest ids', () => {
    const seen = new SeenAlerts('parent-a', localStorage, 3);
    seen.add([alert(1), alert(2), alert(3)]);
    seen.add([alert(2), alert(4)]);
    const again = new SeenAlerts('parent-a', localStorage, 3);
    expect(['a1', 'a2', 'a3', 'a4'].map((id) => again.has(id))).toEqual([false, true, true, true]);
    expect(JSON.parse(localStorage.getItem('zenmoon.alertsSeen:parent-a')!)).toHaveLength(3);
  });

  it('keeps the newest alerts of over 500 seen, handed over newest first as the alerts screen lists them', () => {
    const alerts = Array.from({ length: SEEN_LIMIT + 20 }, (_, i) => alert(i)).reverse();
    new SeenAlerts('parent-a').add(alerts);
    const again = new SeenAlerts('parent-a');
    expect(again.has(`a${SEEN_LIMIT + 19}`)).toBe(true);
    expect(again.has('a20')).toBe(true);
    expect(again.has('a19')).toBe(false);
    expect(alerts.filter((a) => again.has(a.alertId))).toHaveLength(SEEN_LIMIT);
    // A newer alert seen later pushes out the oldest kept, not itself.
    again.add([alert(SEEN_LIMIT + 20)]);
    expect(again.has(`a${SEEN_LIMIT + 20}`)).toBe(true);
    expect(again.has('a20')).toBe(false);
  });

  it('reads the ids kept before times were, as the oldest', () => {
    localStorage.setItem('zenmoon.alertsSeen:parent-a', JSON.stringify(['old1', 'old2']));
    const seen = new SeenAlerts('parent-a', localStorage, 3);
    expect(seen.has('old1')).toBe(true);
    seen.add([alert(1), alert(2)]);
    expect(['old1', 'old2', 'a1', 'a2'].map((id) => seen.has(id))).toEqual([false, true, true, true]);
  });
});
