import { wrap, type IDBPDatabase } from 'idb';
import { ApiError, type ApiClient } from '../shared/api';

/**
 * The parents' answers (👍/👎 and a comment) that ZenMoon has not taken yet, kept in IndexedDB
 * (`zenmoon-outbox`) until a 2xx for them: an answer given offline is sent when the phone is back online, in the
 * order given. Entries are keyed by the account that gave them and are only ever sent with that account's token;
 * they stay on the phone when the session ends (401, expiry, log-out) and go when the same parent logs in again.
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
}

export class FeedbackOutbox {
  private db: Promise<IDBPDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly now: () => number = () => Date.now(),
    /** How long a store operation may take (some browsers never answer). */
    private readonly timeoutMs = 2_000,
  ) {}

  private timed<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), this.timeoutMs);
      p.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
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

/** What became of an answer: sent (2xx), kept to send later (no connection, 5xx, 408, 429, 401), or dropped (other 4xx). */
export type AnswerOutcome =
  | { readonly state: 'sent'; readonly answer: QueuedAnswer }
  | { readonly state: 'queued'; readonly answer: QueuedAnswer; readonly error: ApiError | null }
  | { readonly state: 'dropped'; readonly answer: QueuedAnswer; readonly error: ApiError }
  | { readonly state: 'session-ended'; readonly answer: QueuedAnswer };

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
}

/** First wait before sending again after ZenMoon could not take an answer (5xx, 408, 429, no answer); doubles to 5 min. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 300_000;

/** A 4xx that no retry will change (the suggestion is gone, the answer is invalid): the answer is dropped. */
function isFinalRefusal(e: ApiError): boolean {
  return e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429;
}

/**
 * Sends the outbox, one answer at a time in order, with the token of the account that gave them. A 2xx removes the
 * answer; a final refusal (4xx but 401, 408, 429) drops it and says so; no connection, 5xx, 408 and 429 stop the
 * round and keep this answer and the later ones (retried on `online`, at the next start, with the next answer, and
 * after a backoff while the app is open); 401 ends the session and keeps them all.
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

  constructor(private readonly options: FeedbackQueueOptions) {
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
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
    const answer: QueuedAnswer = { id: '', account, recommendationId, helpful, comment, queuedAt: Date.now(), order: 0 };
    try {
      await this.options.api.post(
        `/recommendations/${encodeURIComponent(recommendationId)}/feedback`,
        comment === null ? { helpful } : { helpful, comment },
        this.options.token() ?? undefined,
      );
      return { state: 'sent', answer };
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, 'No connection to ZenMoon');
      if (isFinalRefusal(error)) return { state: 'dropped', answer, error };
      if (error.status === 401) {
        this.options.onSessionEnded?.();
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
    else if (outcome.state === 'sent' || outcome.state === 'dropped') this.options.onBackground?.(outcome);
  }

  private async round(): Promise<void> {
    const account = this.options.account();
    const token = this.options.token();
    if (account === null || token === null) return;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    let pending: QueuedAnswer[];
    try {
      pending = await this.options.outbox.pending(account);
    } catch {
      return;
    }
    for (const [i, answer] of pending.entries()) {
      // Another account logged in meanwhile: the rest waits for its own account's session.
      if (this.stopped || this.options.account() !== account || this.options.token() !== token) return;
      const body = answer.comment === null ? { helpful: answer.helpful } : { helpful: answer.helpful, comment: answer.comment };
      try {
        await this.options.api.post(`/recommendations/${encodeURIComponent(answer.recommendationId)}/feedback`, body, token);
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
          for (const a of pending.slice(i)) this.settle({ state: 'session-ended', answer: a });
          this.options.onSessionEnded?.();
          return;
        }
        for (const a of pending.slice(i)) this.settle({ state: 'queued', answer: a, error });
        this.scheduleRetry(error);
        return;
      }
    }
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
