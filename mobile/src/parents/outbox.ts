import { wrap, type IDBPDatabase } from 'idb';
import { timed } from '../shared/timed';
import { ApiError, type ApiClient } from '../shared/api';

/**
 * The parents' answers (👍/👎 and a comment) that ZenMoon has not taken yet, kept in IndexedDB
 * (`zenmoon-outbox`) until a 2xx for them: an answer given offline is sent when the phone is back online, in the
 * order given. Entries are keyed by the account that gave them and are only ever sent with that account's token;
 * they stay on the phone when the session ends (401, expiry, log-out) and go when the same parent logs in again,
 * unless another account logs in first: as with the saved answers (offline.ts), that deletes them, so that a
 * parent's comments are not left on a shared phone for the next one. An answer is given up (and the parent told)
 * after {@link MAX_AGE_MS} or {@link MAX_TRIES} refusals that a retry might have got past.
 * A later answer on the same suggestion replaces the one waiting (the server keeps the last answer too).
 */

const DB_NAME = 'zenmoon-outbox';
const STORE = 'feedback';

export interface QueuedAnswer {
  /** Names this answer (a replacement gets a new one): only the answer sent is removed. */
  readonly id: string;
  readonly account: string;
  readonly recommendationId: string;
  readonly helpful: boolean;
  readonly comment: string | null;
  readonly queuedAt: number;
  /** Sending order: later answers have larger numbers. */
  readonly order: number;
  /** How many times ZenMoon answered 5xx, 408 or 429 to it (absent: none). */
  readonly tries?: number;
}

/** An answer waiting longer than this is given up (the suggestion is long past). */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** An answer ZenMoon could not take this many times (5xx, 408, 429) is given up. */
export const MAX_TRIES = 50;
/** A POST without an answer this long is aborted and counts as no connection. */
export const ANSWER_TIMEOUT_MS = 15_000;
/** The Web Lock that keeps two tabs from sending at the same time. */
export const OUTBOX_LOCK = 'zenmoon-outbox';

export class FeedbackOutbox {
  private db: Promise<IDBPDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly now: () => number = () => Date.now(),
    /** How long a store operation may take (some browsers never answer). */
    private readonly timeoutMs = 2_000,
  ) {}

  private timed<T>(p: Promise<T>): Promise<T> {
    return timed(p, this.timeoutMs);
  }

  private open(): Promise<IDBPDatabase> {
    if (!this.factory) return Promise.reject(new Error('This browser has no IndexedDB'));
    if (this.db === null) {
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      this.db = wrap(request) as Promise<IDBPDatabase>;
    }
    return this.db;
  }

  private static key(account: string, recommendationId: string): string {
    return `${encodeURIComponent(account)}/${encodeURIComponent(recommendationId)}`;
  }

  /** Keeps an answer to send, in place of the account's answer still waiting on the same suggestion. */
  put(account: string, recommendationId: string, helpful: boolean, comment: string | null): Promise<QueuedAnswer> {
    return this.timed(
      (async () => {
        const db = await this.open();
        const tx = db.transaction(STORE, 'readwrite');
        const all = (await tx.store.getAll()) as QueuedAnswer[];
        const last = all.reduce((m, a) => Math.max(m, a.order), 0);
        const answer: QueuedAnswer = {
          id: crypto.randomUUID(),
          account,
          recommendationId,
          helpful,
          comment,
          queuedAt: this.now(),
          order: Math.max(this.now(), last + 1),
        };
        await tx.store.put(answer, FeedbackOutbox.key(account, recommendationId));
        await tx.done;
        return answer;
      })(),
    );
  }

  /** The account's answers still to send, oldest first. */
  pending(account: string): Promise<QueuedAnswer[]> {
    return this.timed(
      (async () => {
        const db = await this.open();
        const all = (await db.getAll(STORE)) as QueuedAnswer[];
        return all.filter((a) => a.account === account).sort((a, b) => a.order - b.order);
      })(),
    );
  }

  /** The account's answer waiting on this suggestion, if any. */
  get(account: string, recommendationId: string): Promise<QueuedAnswer | undefined> {
    return this.timed(
      (async () => {
        const db = await this.open();
        return (await db.get(STORE, FeedbackOutbox.key(account, recommendationId))) as QueuedAnswer | undefined;
      })(),
    );
  }

  /** Counts a refusal of this answer; returns its tries so far (0 when it was replaced or sent meanwhile). */
  failed(answer: QueuedAnswer): Promise<number> {
    return this.timed(
      (async () => {
        const db = await this.open();
        const tx = db.transaction(STORE, 'readwrite');
        const key = FeedbackOutbox.key(answer.account, answer.recommendationId);
        const stored = (await tx.store.get(key)) as QueuedAnswer | undefined;
        let tries = 0;
        if (stored?.id === answer.id) {
          tries = (stored.tries ?? 0) + 1;
          await tx.store.put({ ...stored, tries } satisfies QueuedAnswer, key);
        }
        await tx.done;
        return tries;
      })(),
    );
  }

  /** Deletes every other account's answers (another parent logged in on this phone). */
  keepOnly(account: string): Promise<void> {
    return this.timed(
      (async () => {
        const db = await this.open();
        const tx = db.transaction(STORE, 'readwrite');
        let cursor = await tx.store.openCursor();
        while (cursor) {
          if ((cursor.value as QueuedAnswer).account !== account) await cursor.delete();
          cursor = await cursor.continue();
        }
        await tx.done;
      })(),
    );
  }

  /** Removes this answer; a newer answer on the same suggestion, given meanwhile, stays. */
  remove(answer: QueuedAnswer): Promise<void> {
    return this.timed(
      (async () => {
        const db = await this.open();
        const tx = db.transaction(STORE, 'readwrite');
        const key = FeedbackOutbox.key(answer.account, answer.recommendationId);
        const stored = (await tx.store.get(key)) as QueuedAnswer | undefined;
        if (stored?.id === answer.id) await tx.store.delete(key);
        await tx.done;
      })(),
    );
  }
}

/**
 * What became of an answer: sent (2xx), kept to send later (no connection, 5xx, 408, 429, 401), dropped (other
 * 4xx), or given up (waited over {@link MAX_AGE_MS}, or {@link MAX_TRIES} refusals; `error` is the last one).
 */
export type AnswerOutcome =
  | { readonly state: 'sent'; readonly answer: QueuedAnswer }
  | { readonly state: 'queued'; readonly answer: QueuedAnswer; readonly error: ApiError | null }
  | { readonly state: 'dropped'; readonly answer: QueuedAnswer; readonly error: ApiError }
  | { readonly state: 'expired'; readonly answer: QueuedAnswer; readonly reason: 'too-old' | 'too-many-tries'; readonly error: ApiError | null }
  | { readonly state: 'session-ended'; readonly answer: QueuedAnswer };

/** The part of `navigator.locks` used here. */
export interface LocksLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

function browserLocks(): LocksLike | null {
  try {
    return (globalThis.navigator as (Navigator & { locks?: LocksLike }) | undefined)?.locks ?? null;
  } catch {
    return null;
  }
}

export interface FeedbackQueueOptions {
  readonly outbox: FeedbackOutbox;
  readonly api: ApiClient;
  /** The logged-in account and its token, or null. */
  readonly account: () => string | null;
  readonly token: () => string | null;
  /** An answer given earlier (not the one just given on the card) was sent or dropped. */
  readonly onBackground?: (outcome: AnswerOutcome) => void;
  /** ZenMoon answered 401: the session has ended; the answers stay for the next log-in. */
  readonly onSessionEnded?: () => void;
  readonly timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  /** Serialises rounds across tabs; default `navigator.locks`, null where there is none (rounds then only
   * re-read each answer before sending it). */
  readonly locks?: LocksLike | null;
  /** How long a POST may go unanswered (default {@link ANSWER_TIMEOUT_MS}). */
  readonly answerTimeoutMs?: number;
  readonly now?: () => number;
}

/** First wait before sending again after ZenMoon could not take an answer (5xx, 408, 429, no answer); doubles to 5 min. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 300_000;

/** A 4xx that no retry will change (the suggestion is gone, the answer is invalid): the answer is dropped. */
function isFinalRefusal(e: ApiError): boolean {
  return e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;
}

/**
 * Sends the outbox, one answer at a time in order, with the token of the account that gave them, one tab at a time
 * (`navigator.locks`). A 2xx removes the answer; a final refusal (4xx but 401, 408, 429) drops it and says so; 5xx
 * and 408 keep this answer and go on with the next (answers replace each other only per suggestion, so the order
 * across suggestions does not matter); no connection (or no answer within {@link ANSWER_TIMEOUT_MS}) and 429 stop
 * the round. What is kept is retried on `online`, at the next start, with the next answer, and after a backoff while
 * the app is open, until it is {@link MAX_AGE_MS} old or refused {@link MAX_TRIES} times. A 401 for the current
 * token ends the session and keeps them all; a 401 for a token no longer current (a log-out and log-in meanwhile)
 * ends nothing.
 */
export class FeedbackQueue {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private readonly outcomes = new Map<string, AnswerOutcome>();
  private readonly onCard = new Set<string>();
  private retryTimer: unknown = null;
  private retryDelay = RETRY_FIRST_MS;
  private stopped = false;
  private readonly timers: NonNullable<FeedbackQueueOptions['timers']>;
  private readonly locks: LocksLike | null;
  private readonly now: () => number;

  constructor(private readonly options: FeedbackQueueOptions) {
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
    this.now = options.now ?? (() => Date.now());
  }

  /**
   * The logged-in account from now on: another account's answers still waiting are deleted (the rule of the saved
   * answers); its own stay and go with the next round.
   */
  async useAccount(account: string | null): Promise<void> {
    if (account !== null) await this.options.outbox.keepOnly(account).catch(() => undefined);
  }

  /** POSTs the answer; no answer within the timeout aborts it and counts as no connection. */
  private post(recommendationId: string, body: unknown, token: string | undefined): Promise<void> {
    const ms = this.options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
    const signal = AbortSignal.timeout(ms);
    return new Promise<void>((resolve, reject) => {
      // Also where a fetch does not heed the signal: the round must not wait on it.
      const onAbort = () => reject(new ApiError(0, `No answer from ZenMoon within ${ms / 1000} s`));
      signal.addEventListener('abort', onAbort, { once: true });
      this.options.api.post<unknown>(`/recommendations/${encodeURIComponent(recommendationId)}/feedback`, body, token, signal).then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(signal.aborted ? new ApiError(0, `No answer from ZenMoon within ${ms / 1000} s`) : e);
        },
      );
    });
  }

  /** Keeps the answer, then sends what waits; resolves with what became of this answer. */
  async answer(recommendationId: string, helpful: boolean, comment: string | null): Promise<AnswerOutcome> {
    const account = this.options.account();
    if (account === null) throw new ApiError(401, 'Not logged in');
    let answer: QueuedAnswer;
    try {
      answer = await this.options.outbox.put(account, recommendationId, helpful, comment);
    } catch {
      return this.sendUnkept(account, recommendationId, helpful, comment);
    }
    this.onCard.add(answer.id);
    try {
      await this.flush();
      return this.outcomes.get(answer.id) ?? { state: 'queued', answer, error: null };
    } finally {
      this.onCard.delete(answer.id);
      this.outcomes.delete(answer.id);
    }
  }

  /**
   * Without a working IndexedDB (a private window, a store that never answers) the answer is sent at once, as it
   * is; if that fails too, the error says it was not kept.
   */
  private async sendUnkept(account: string, recommendationId: string, helpful: boolean, comment: string | null): Promise<AnswerOutcome> {
    const answer: QueuedAnswer = { id: '', account, recommendationId, helpful, comment, queuedAt: this.now(), order: 0 };
    const token = this.options.token();
    try {
      await this.post(recommendationId, comment === null ? { helpful } : { helpful, comment }, token ?? undefined);
      return { state: 'sent', answer };
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'No connection to ZenMoon');
      if (isFinalRefusal(error)) return { state: 'dropped', answer, error };
      if (error.status === 401) {
        // Only the session that got it ends (not one logged in meanwhile).
        if (token !== null && this.options.token() === token) this.options.onSessionEnded?.();
        return { state: 'session-ended', answer };
      }
      throw new Error(`${error.message}, and this phone could not keep the answer to send it later`);
    }
  }

  /** The account's answer waiting on this suggestion, if any (a store that fails counts as none). */
  queued(recommendationId: string): Promise<QueuedAnswer | undefined> {
    const account = this.options.account();
    if (account === null) return Promise.resolve(undefined);
    return this.options.outbox.get(account, recommendationId).catch(() => undefined);
  }

  /** Sends what waits; resolves after a round that started after this call. */
  flush(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running === null) {
      this.running = this.round().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.flush();
    });
    return this.next;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private settle(outcome: AnswerOutcome): void {
    if (this.onCard.has(outcome.answer.id)) this.outcomes.set(outcome.answer.id, outcome);
    else if (outcome.state === 'sent' || outcome.state === 'dropped' || outcome.state === 'expired') this.options.onBackground?.(outcome);
  }

  private async round(): Promise<void> {
    const account = this.options.account();
    const token = this.options.token();
    if (account === null || token === null) return;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.exclusively(() => this.send(account, token));
  }

  /** Runs `fn` holding the outbox's Web Lock (one tab sends at a time); without Web Locks, just runs it. */
  private async exclusively(fn: () => Promise<void>): Promise<void> {
    if (this.locks === null) return fn();
    let ran = false;
    try {
      await this.locks.request(OUTBOX_LOCK, () => {
        ran = true;
        return fn();
      });
    } catch (e) {
      // The lock itself failed (an opaque origin, a browser that refuses): send without it.
      if (!ran) return fn();
      throw e;
    }
  }

  private async send(account: string, token: string): Promise<void> {
    let pending: QueuedAnswer[];
    try {
      pending = await this.options.outbox.pending(account);
    } catch {
      return;
    }
    /** The longest wait ZenMoon asked for, of the answers kept in this round (null: none kept). */
    let kept: ApiError | null = null;
    for (const [i, listed] of pending.entries()) {
      // Another account logged in meanwhile: the rest waits for its own account's session.
      if (this.stopped || this.options.account() !== account || this.options.token() !== token) return;
      // Read again: another tab may have sent it, or a newer answer replaced it, since the list was read.
      const answer = await this.options.outbox.get(account, listed.recommendationId).catch(() => undefined);
      if (this.stopped || this.options.account() !== account || this.options.token() !== token) return;
      if (answer?.id !== listed.id) continue;
      if (this.now() - answer.queuedAt > MAX_AGE_MS) {
        await this.options.outbox.remove(answer).catch(() => undefined);
        this.settle({ state: 'expired', answer, reason: 'too-old', error: null });
        continue;
      }
      const body = answer.comment === null ? { helpful: answer.helpful } : { helpful: answer.helpful, comment: answer.comment };
      try {
        await this.post(answer.recommendationId, body, token);
        await this.options.outbox.remove(answer).catch(() => undefined);
        this.retryDelay = RETRY_FIRST_MS;
        this.settle({ state: 'sent', answer });
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError(0, 'No connection to ZenMoon');
        if (isFinalRefusal(error)) {
          await this.options.outbox.remove(answer).catch(() => undefined);
          this.settle({ state: 'dropped', answer, error });
          continue;
        }
        if (error.status === 401) {
          if (this.options.token() === token) {
            for (const a of pending.slice(i)) this.settle({ state: 'session-ended', answer: a });
            this.options.onSessionEnded?.();
          } else {
            // A late 401 for a session that has already ended: the current one's round sends the rest.
            for (const a of pending.slice(i)) this.settle({ state: 'queued', answer: a, error: null });
          }
          return;
        }
        if (error.offline) {
          for (const a of pending.slice(i)) this.settle({ state: 'queued', answer: a, error });
          this.scheduleRetry(error);
          return;
        }
        // 5xx, 408, 429: ZenMoon could not take this one now; counted, so that it cannot wait for ever.
        const tries = await this.options.outbox.failed(answer).catch(() => 0);
        if (tries >= MAX_TRIES) {
          await this.options.outbox.remove(answer).catch(() => undefined);
          this.settle({ state: 'expired', answer, reason: 'too-many-tries', error });
        } else {
          this.settle({ state: 'queued', answer, error });
          if (kept === null || (error.retryAfterSeconds ?? 0) > (kept.retryAfterSeconds ?? 0)) kept = error;
        }
        if (error.status === 429) {
          // Too many requests: the others would get the same; they wait for the retry.
          for (const a of pending.slice(i + 1)) this.settle({ state: 'queued', answer: a, error });
          this.scheduleRetry(kept ?? error);
          return;
        }
      }
    }
    if (kept !== null) this.scheduleRetry(kept);
  }

  private scheduleRetry(error: ApiError): void {
    if (this.stopped) return;
    const delay = Math.max(this.retryDelay, (error.retryAfterSeconds ?? 0) * 1000);
    this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }
}

/** Why an answer waiting on this phone was given up, in words. */
export function givenUpWhy(outcome: Extract<AnswerOutcome, { state: 'expired' }>): string {
  if (outcome.reason === 'too-old') return `it waited over ${MAX_AGE_MS / 86_400_000} days`;
  const last = outcome.error ? ` (last: HTTP ${outcome.error.status})` : '';
  return `ZenMoon could not take it after ${MAX_TRIES} tries${last}`;
}
