import type { Recommendation } from './answers';
import { interventionName, times, when } from './format';

/** The card of the next recommendation, in local time. */
export interface RecommendationCard {
  readonly id: string;
  readonly text: string;
  readonly scheduled: string;
  readonly why: readonly string[];
  readonly helpful: boolean | null;
  readonly comment: string;
}

export function recommendationCard(r: Recommendation, now: Date): RecommendationCard {
  const at = new Date(r.scheduledFor);
  return {
    id: r.recommendationId,
    text: r.text,
    scheduled: Number.isFinite(at.getTime()) ? when(at, now) : '',
    why: r.why ?? [],
    helpful: typeof r.helpful === 'boolean' ? r.helpful : null,
    comment: r.comment ?? '',
  };
}

/**
 * "What changed after your earlier answers": per suggestion answered in the history, what the parents said and
 * what the recommender does with it (it learns from each 👍 and 👎, so a suggestion found helpful comes more often
 * and one that did not help less). Only answered recommendations count; the newest answer's suggestion comes first.
 */
export function whatChanged(history: readonly Recommendation[]): string[] {
  const tally = new Map<string, { helpful: number; not: number; last: number }>();
  for (const r of history) {
    if (typeof r.helpful !== 'boolean') continue;
    const t = tally.get(r.intervention) ?? { helpful: 0, not: 0, last: 0 };
    if (r.helpful) t.helpful++;
    else t.not++;
    const answered = Date.parse(r.answeredAt ?? r.createdAt ?? r.scheduledFor);
    t.last = Math.max(t.last, Number.isFinite(answered) ? answered : 0);
    tally.set(r.intervention, t);
  }
  return [...tally.entries()]
    .sort((a, b) => b[1].last - a[1].last)
    .map(([id, t]) => {
      const name = interventionName(id);
      if (t.not === 0) return `You found ${name} helpful ${times(t.helpful)}; ZenMoon suggests it more often.`;
      if (t.helpful === 0) {
        return `You said ${name} did not help${t.not > 1 ? ` (${times(t.not)})` : ''}, so it is suggested less.`;
      }
      return `You found ${name} helpful ${times(t.helpful)} and not helpful ${times(t.not)}; ZenMoon weighs both answers.`;
    });
}
