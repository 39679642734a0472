import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../src/parents/answers';
import { recommendationCard, whatChanged } from '../src/parents/recommendation';

let n = 0;
function rec(intervention: string, helpful: boolean | null, answeredAt: string | null): Recommendation {
  n++;
  return {
    recommendationId: `r${n}`,
    intervention,
    text: `Try ${intervention}`,
    scheduledFor: '2026-03-01T18:00:00Z',
    why: [],
    createdAt: '2026-03-01T08:00:00Z',
    helpful,
    comment: null,
    answeredAt,
  };
}

describe('whatChanged', () => {
  it('tells per suggestion what was answered, newest answer first, and skips unanswered ones', () => {
    const history = [
      rec('screens_off_earlier', false, '2026-03-10T08:00:00Z'),
      rec('box_breathing', true, '2026-03-09T08:00:00Z'),
      rec('walk_with_parent', null, null),
      rec('box_breathing', true, '2026-03-05T08:00:00Z'),
      rec('journaling', true, '2026-03-04T08:00:00Z'),
      rec('journaling', false, '2026-03-02T08:00:00Z'),
    ];
    expect(whatChanged(history)).toEqual([
      'You said screens off earlier did not help, so it is suggested less.',
      'You found box breathing helpful twice; ZenMoon suggests it more often.',
      'You found journaling helpful once and not helpful once; ZenMoon weighs both answers.',
    ]);
  });

  it('counts repeated "did not help" answers and says nothing without answers', () => {
    expect(
      whatChanged([
        rec('stretching', false, '2026-03-03T08:00:00Z'),
        rec('stretching', false, '2026-03-02T08:00:00Z'),
        rec('stretching', false, '2026-03-01T08:00:00Z'),
      ]),
    ).toEqual(['You said stretching did not help (3 times), so it is suggested less.']);
    expect(whatChanged([rec('stretching', null, null)])).toEqual([]);
  });
});

describe('recommendationCard', () => {
  it('shows the scheduled time in local time, relative to today', () => {
    const now = new Date(2026, 2, 20, 9, 0);
    const r = { ...rec('box_breathing', null, null), scheduledFor: new Date(2026, 2, 20, 18, 30).toISOString(), why: ['a', 'b'] };
    const card = recommendationCard(r, now);
    expect(card.scheduled).toBe('today at 18:30');
    expect(card.why).toEqual(['a', 'b']);
    expect(card.helpful).toBeNull();
    const tomorrow = recommendationCard({ ...r, scheduledFor: new Date(2026, 2, 21, 7, 5).toISOString(), helpful: false }, now);
    expect(tomorrow.scheduled).toBe('tomorrow at 07:05');
    expect(tomorrow.helpful).toBe(false);
  });
});
