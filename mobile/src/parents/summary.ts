import type { ChronotypeAnswer, Epoch, SleepEpisode } from './answers';
import { hoursMinutes } from './format';

/** The nights shown, and the days before them that make the child's usual. */
export const NIGHTS_SHOWN = 7;
export const USUAL_DAYS = 28;
/** Below this many minutes with a stress score, today's mean says too little to show. */
export const MIN_STRESS_MINUTES = 30;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Night {
  readonly onset: Date;
  readonly wake: Date;
  readonly minutes: number;
  /** Minutes more (positive) or less (negative) than the usual; null without a usual. */
  readonly againstUsual: number | null;
}

export interface SleepView {
  /** Oldest first. */
  readonly nights: readonly Night[];
  /** Median minutes of the episodes in the 28 days before the first night shown; null when there were none. */
  readonly usualMinutes: number | null;
  readonly usualFrom: number;
  /** Minutes slept below the usual, summed over the nights shown (nights above it do not pay it back). */
  readonly debtMinutes: number | null;
  readonly text: string;
}

function duration(e: SleepEpisode): number {
  return (Date.parse(e.wake) - Date.parse(e.onset)) / MINUTE_MS;
}

/** The last nights' sleep against the child's usual, from its sleep episodes (any order). */
export function sleepView(episodes: readonly SleepEpisode[]): SleepView {
  const sorted = episodes
    .filter((e) => Number.isFinite(Date.parse(e.onset)) && Number.isFinite(Date.parse(e.wake)) && duration(e) > 0)
    .sort((a, b) => Date.parse(a.onset) - Date.parse(b.onset));
  const shown = sorted.slice(-NIGHTS_SHOWN);
  if (shown.length === 0) {
    return { nights: [], usualMinutes: null, usualFrom: 0, debtMinutes: null, text: 'No sleep recorded yet.' };
  }
  const firstOnset = Date.parse(shown[0]!.onset);
  const before = sorted.filter((e) => {
    const t = Date.parse(e.onset);
    return t < firstOnset && t >= firstOnset - USUAL_DAYS * DAY_MS;
  });
  const usual = median(before.map(duration));
  const nights = shown.map((e) => {
    const minutes = duration(e);
    return {
      onset: new Date(e.onset),
      wake: new Date(e.wake),
      minutes,
      againstUsual: usual === null ? null : minutes - usual,
    };
  });
  const debt = usual === null ? null : nights.reduce((sum, n) => sum + Math.max(0, usual - n.minutes), 0);
  const last = nights[nights.length - 1]!;
  let text = `Last night: ${hoursMinutes(last.minutes)}.`;
  if (usual === null) {
    text += ' Not enough earlier nights yet to know what is usual.';
  } else {
    const diff = last.minutes - usual;
    text +=
      Math.abs(diff) < 1
        ? ` That is the usual ${hoursMinutes(usual)}.`
        : ` That is ${hoursMinutes(diff)} ${diff > 0 ? 'more' : 'less'} than the usual ${hoursMinutes(usual)}.`;
    text +=
      debt! < 1
        ? ` No sleep missed against the usual over the last ${nights.length} nights.`
        : ` Over the last ${nights.length} nights: ${hoursMinutes(debt!)} less than usual in all.`;
  }
  return { nights, usualMinutes: usual, usualFrom: before.length, debtMinutes: debt, text };
}

export type StressLevel = 'calm' | 'uneasy' | 'stressed' | 'unknown';

export function stressLevel(score: number | null): StressLevel {
  if (score === null || !Number.isFinite(score)) return 'unknown';
  if (score < 0.35) return 'calm';
  if (score < 0.6) return 'uneasy';
  return 'stressed';
}

export interface StressView {
  /** Mean stress 0..1 of today's minutes, null with fewer than 30 scored minutes. */
  readonly mean: number | null;
  readonly minutes: number;
  readonly level: StressLevel;
  readonly text: string;
}

const LEVEL_WORDS: Record<StressLevel, string> = {
  calm: 'low',
  uneasy: 'medium',
  stressed: 'high',
  unknown: 'not known',
};

/** Today's stress: the mean of the stress of today's epochs (from local midnight). */
export function stressView(epochs: readonly Epoch[], now: Date): StressView {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const scores = epochs
    .filter((e) => Date.parse(e.t) >= midnight && Date.parse(e.t) <= now.getTime())
    .map((e) => e.stress)
    .filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  if (scores.length < MIN_STRESS_MINUTES) {
    return {
      mean: null,
      minutes: scores.length,
      level: 'unknown',
      text: `Not enough data today yet (${scores.length} of ${MIN_STRESS_MINUTES} minutes needed).`,
    };
  }
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const level = stressLevel(mean);
  return {
    mean,
    minutes: scores.length,
    level,
    text: `${LEVEL_WORDS[level][0]!.toUpperCase()}${LEVEL_WORDS[level].slice(1)} stress today: ${Math.round(
      mean * 100,
    )} out of 100, over ${hoursMinutes(scores.length)} of wear.`,
  };
}

export function stressWords(level: StressLevel): string {
  return LEVEL_WORDS[level];
}

export interface ChronotypeView {
  readonly category: 'early_bird' | 'intermediate' | 'night_owl' | null;
  readonly text: string;
}

const CHRONOTYPE_WORDS = {
  early_bird: 'an early bird: sleeps and wakes early',
  intermediate: 'in between: neither especially early nor late',
  night_owl: 'a night owl: sleeps and wakes late',
} as const;

export function chronotypeCategory(value: string | null | undefined): ChronotypeView['category'] {
  return value === 'early_bird' || value === 'intermediate' || value === 'night_owl' ? value : null;
}

/** The chronotype in plain words; "not known yet" (with the server's reason) when there is none. */
export function chronotypeView(answer: ChronotypeAnswer | null, fallbackCategory?: string | null): ChronotypeView {
  const category = chronotypeCategory(answer?.category ?? fallbackCategory);
  if (category === null) {
    const reason = answer?.reason ? ` (${answer.reason})` : '';
    return { category, text: `Not known yet${reason}.` };
  }
  return { category, text: `${CHRONOTYPE_WORDS[category][0]!.toUpperCase()}${CHRONOTYPE_WORDS[category].slice(1)}.` };
}

export function chronotypeWords(category: ChronotypeView['category']): string {
  return category === null ? 'chronotype not known yet' : CHRONOTYPE_WORDS[category];
}
