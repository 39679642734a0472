/** Shared by the companion's tests: epochs of a present-day minute range, and a fresh database name per test. */
import type { UploadEpoch } from '../src/shared/types';

export const T0 = Date.parse('2026-12-02T07:00:00Z');

let dbCounter = 0;
export const freshDbName = (prefix: string): string => `${prefix}-${++dbCounter}`;

export function epochs(fromSeq: number, n: number): UploadEpoch[] {
  return Array.from({ length: n }, (_, k) => ({
    t: new Date(T0 + (fromSeq + k) * 60_000).toISOString().replace('.000Z', 'Z'),
    hr: 70 + k,
    quality: 1,
    wear: true,
    seq: fromSeq + k,
  }));
}
