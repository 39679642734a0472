/**
 * The answers of ZenMoon's API that the parents' screens read, as the server really sends them
 * (web/.../rest/ChildResource.java, ChronotypeView, ForecastRefresh, StoredRecommendation): JSON-B writes
 * absent values as null, so optional fields are typed `| null`.
 */

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface SleepEpisode {
  readonly onset: string;
  readonly wake: string;
  readonly source: string;
}

/** One minute of the child's day (`/epochs`); only what the summary reads. */
export interface Epoch {
  readonly t: string;
  readonly stress?: number | null;
}

export type ChronotypeCategory = 'early_bird' | 'intermediate' | 'night_owl';

/** `status` ok, or insufficient_data with `reason` and null figures. */
export interface ChronotypeAnswer {
  readonly status?: string;
  readonly reason?: string | null;
  readonly msfSc?: string | null;
  readonly category?: string | null;
  readonly socialJetlagMinutes?: number | null;
  readonly nights?: number;
  readonly computedAt?: string | null;
}

export interface ForecastPoint {
  readonly t: string;
  readonly mean: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
}

/**
 * `status` ok with points, insufficient_data with a reason, or not_computed before the forecast job has run
 * (a 200, not a 404). Sleep is in hours a night, stress a score 0..1 an hour.
 */
export interface ForecastAnswer {
  readonly metric: string;
  readonly status?: string;
  readonly reason?: string | null;
  readonly model?: string;
  readonly points?: readonly ForecastPoint[];
  readonly backtest?: { readonly mase?: number | null; readonly smape?: number | null };
  readonly computedAt?: string;
}

/** `/recommendations/next` and the items of `/recommendations?limit=`; `helpful` null while unanswered. */
export interface Recommendation {
  readonly recommendationId: string;
  readonly childId?: string;
  readonly intervention: string;
  readonly text: string;
  readonly scheduledFor: string;
  readonly why: readonly string[];
  readonly modelVersion?: string;
  readonly arm?: string;
  readonly createdAt?: string;
  readonly helpful?: boolean | null;
  readonly comment?: string | null;
  readonly answeredAt?: string | null;
}

export interface AlertsPage {
  readonly items: readonly import('../shared/types').Alert[];
}
