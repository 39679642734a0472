// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { SeenAlerts } from '../src/parents/seen';

describe('SeenAlerts', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the seen ids per account, across instances (a reload)', () => {
    new SeenAlerts('parent-a').add(['a1', 'a2']);
    expect(new SeenAlerts('parent-a').has('a2')).toBe(true);
    expect(new SeenAlerts('parent-b').has('a2')).toBe(false);
    expect(new SeenAlerts(null).has('a2')).toBe(false);
  });

  it('keeps only the latest ids', () => {
    const seen = new SeenAlerts('parent-a', localStorage, 3);
    seen.add(['a1', 'a2', 'a3']);
    seen.add(['a2', 'a4']);
    const again = new SeenAlerts('parent-a', localStorage, 3);
    expect(['a1', 'a2', 'a3', 'a4'].map((id) => again.has(id))).toEqual([false, true, true, true]);
    expect(JSON.parse(localStorage.getItem('zenmoon.alertsSeen:parent-a')!)).toHaveLength(3);
  });
});
