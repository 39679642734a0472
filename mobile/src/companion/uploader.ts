/**
 * Sends the queue's batches to `POST /ingest/batches`, oldest first and one at a time, with the retry rules of
 * docs/INGEST.md ("The phone's side", 3). It runs by itself: on its backoff timer, when the upload window of the open
 * buffer ends, and when the browser is online again. Clock, randomness, timers and the online trigger are injected
 * so that the rules can be tested without waiting.
 */
import { ApiError, type ApiClient } from '../shared/api';
import type { BatchAnswer } from '../shared/types';
import { isoSeconds } from './frame';
import type { LastError, Queue } from './queue';

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
const STORAGE_RETRY_MS = 30_000;
/** An upload without an answer by then counts as a network error (INGEST.md's MQTT rule: "within a minute"). */
export const ANSWER_TIMEOUT_MS = 60_000;

/** `halted-*`: waiting for the family (pair again) or for consent (403); the data stays. */
export type UploaderState = 'idle' | 'sending' | 'waiting' | 'pair-again' | 'forbidden' | 'stopped';

export type Schedule = (run: () => void, delayMs: number) => () => void;
export type Trigger = (listener: () => void) => () => void;

export interface UploaderOptions {
  readonly queue: Queue;
  readonly api: ApiClient;
  readonly now?: () => number;
  /** Uniform in [0, 1), for the jitter. */
  readonly random?: () => number;
  readonly schedule?: Schedule;
  /** Fires when the network is back; the browser's `online` event by default. */
  readonly online?: Trigger;
  readonly onChange?: (state: UploaderState) => void;
}

/** 2 s doubling per attempt up to 5 min, times a jitter factor in [0.5, 1.5): attempts that failed together spread out. */
export function backoffMs(attempts: number, random: number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.5 + random));
}

const browserSchedule: Schedule = (run, delayMs) => {
  const handle = setTimeout(run, Math.max(0, delayMs));
  return () => clearTimeout(handle);
};

const browserOnline: Trigger = (listener) => {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
};

export class Uploader {
  private readonly queue: Queue;
  private readonly api: ApiClient;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly schedule: Schedule;
  private readonly onChange: (state: UploaderState) => void;
  private readonly unsubscribe: () => void;
  private cancelTimer: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private current: UploaderState = 'idle';
  private woken: Promise<void> = Promise.resolve();
  private inFlight: AbortController | null = null;

  constructor(options: UploaderOptions) {
    this.queue = options.queue;
    this.api = options.api;
    this.now = options.now ?? (() => Date.now());
    this.random = options.random ?? Math.random;
    this.schedule = options.schedule ?? browserSchedule;
    this.onChange = options.onChange ?? (() => undefined);
    this.unsubscribe = (options.online ?? browserOnline)(() => {
      this.woken = this.backOnline();
    });
  }

  get state(): UploaderState {
    return this.current;
  }

  /**
   * Runs until nothing can be sent now; resolves then. Calls while running make it look again before it rests, also
   * a call after the run left its loop but before it is marked done: the run then starts once more.
   */
  kick(): Promise<void> {
    if (this.current === 'stopped' || this.halted()) return this.running ?? Promise.resolve();
    this.again = true;
    this.running ??= this.loop()
      .finally(() => {
        this.running = null;
      })
      .then(() => (this.again ? this.kick() : undefined));
    return this.running;
  }

  /** Resolves when the uploader rests: what an `online` event started, and the run, are done. */
  async idle(): Promise<void> {
    await this.woken;
    await this.running;
  }

  /** After pairing again, or when the family asks to try again (consent is back). */
  resume(): Promise<void> {
    if (this.current === 'stopped') return Promise.resolve();
    if (this.halted()) this.set('idle');
    return this.kick();
  }

  /** Forms the open buffer into a batch now (a replay has ended) and sends. */
  async flush(): Promise<void> {
    await this.queue.form(this.now(), true);
    await this.kick();
  }

  /** Ends for good: no timer, no request left in flight, and nothing touches the queue (it may be closed next). */
  stop(): void {
    this.clearTimer();
    this.unsubscribe();
    this.set('stopped');
    this.inFlight?.abort();
    this.inFlight = null;
  }

  private stopped(): boolean {
    return this.current === 'stopped';
  }

  private halted(): boolean {
    return this.current === 'pair-again' || this.current === 'forbidden';
  }

  private async loop(): Promise<void> {
    while (this.again && this.current !== 'stopped' && !this.halted()) {
      this.again = false;
      try {
        await this.step();
      } catch {
        // the queue itself failed (storage full, database closed): nothing is lost by looking again later
        this.set('waiting');
        this.arm(STORAGE_RETRY_MS);
      }
    }
  }

  private async step(): Promise<void> {
    this.clearTimer();
    const pairing = await this.queue.pairing();
    if (pairing === null) return this.set('idle');
    const now = this.now();
    await this.queue.form(now, false);
    const batch = await this.queue.head();
    if (batch === null) {
      const formAt = await this.queue.nextFormAt();
      if (formAt !== null) this.arm(formAt - now);
      return this.set('idle');
    }
    if (batch.nextAttemptAt > now) {
      this.arm(batch.nextAttemptAt - now);
      return this.set('waiting');
    }
    this.set('sending');
    try {
      const answer = await this.withTimeout((signal) =>
        this.api.post<BatchAnswer>(
          '/ingest/batches',
          { batchId: batch.batchId, deviceId: batch.deviceId, sentAt: isoSeconds(Math.floor(now / 1000)), epochs: batch.epochs },
          pairing.deviceToken,
          signal,
        ),
      );
      // stopped meanwhile: the queue may be closed; the batch goes again with the same id next time
      if (this.stopped()) return;
      await this.queue.acknowledge(batch.batchId, answer, this.now());
      this.again = true;
      return this.set('idle');
    } catch (e) {
      if (this.stopped()) return;
      if (!(e instanceof ApiError)) throw e;
      const at = this.now();
      const error: LastError = { at, status: e.status, message: e.message };
      switch (e.status) {
        case 401:
          if ((await this.queue.pairing())?.deviceToken !== pairing.deviceToken) {
            // paired again while this went up with the old token (which pairing again revokes): send with the new one
            this.again = true;
            return this.set('idle');
          }
          await this.queue.recordFailure(batch.batchId, error, at);
          return this.set('pair-again');
        case 403:
          await this.queue.recordFailure(batch.batchId, error, at);
          return this.set('forbidden');
        case 400:
          await this.queue.reject(batch.batchId, error);
          this.again = true;
          return this.set('idle');
        case 413:
          if (!(await this.queue.split(batch.batchId, error, at))) await this.queue.reject(batch.batchId, error);
          this.again = true;
          return this.set('idle');
        default: {
          // no answer, 5xx, 503 and anything else a later attempt may get past: same id, same content, later
          let delay = backoffMs(batch.attempts + 1, this.random());
          if (e.retryAfterSeconds !== null) delay = Math.max(delay, e.retryAfterSeconds * 1000);
          await this.queue.recordFailure(batch.batchId, error, at + delay);
          this.arm(delay);
          return this.set('waiting');
        }
      }
    }
  }

  /** Online again: a batch that waits only because there was no connection goes now; a Retry-After still holds. */
  private async backOnline(): Promise<void> {
    if (this.current === 'stopped' || this.halted()) return;
    const batch = await this.queue.head();
    if (batch !== null && batch.lastError?.status === 0) await this.queue.retrySooner(batch.batchId, this.now());
    await this.kick();
  }

  /**
   * A request that hangs must not hold the queue: it may or may not have been stored, so the same id goes again.
   * It is aborted first, so that the retry is never in flight beside it.
   */
  private withTimeout<T>(send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.inFlight = controller;
    return new Promise<T>((resolve, reject) => {
      const cancel = this.schedule(() => {
        controller.abort();
        reject(new ApiError(0, 'No answer from ZenMoon within a minute'));
      }, ANSWER_TIMEOUT_MS);
      send(controller.signal).then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    }).finally(() => {
      if (this.inFlight === controller) this.inFlight = null;
    });
  }

  private arm(delayMs: number): void {
    this.clearTimer();
    if (this.stopped()) return;
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      void this.kick();
    }, delayMs);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private set(state: UploaderState): void {
    if (this.current === 'stopped') return;
    this.current = state;
    this.onChange(state);
  }
}
