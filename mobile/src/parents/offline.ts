import { wrap, type IDBPDatabase } from 'idb';
import { ApiError } from '../shared/api';

/**
 * The last answers of each screen, kept in IndexedDB so that a screen can still show something without a
 * connection, marked with when ZenMoon sent it. Cleared at log-out: a shared phone keeps no child's data after it.
 */

const DB_NAME = 'zenmoon-parents';
const STORE = 'answers';

interface Saved<T> {
  readonly savedAt: number;
  readonly value: T;
}

export interface Loaded<T> {
  readonly value: T;
  /** When the shown copy was saved, if it came from the cache because the network failed; null when fresh. */
  readonly offlineSince: Date | null;
}

export class AnswerCache {
  private db: Promise<IDBPDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly now: () => number = () => Date.now(),
    /** How long a read may take before the screen goes on without it (some browsers never answer). */
    private readonly timeoutMs = 2_000,
  ) {}

  /** `p`, or a rejection after the time-out: a store that never answers must not hold up a screen. */
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

  private open(): Promise<IDBPDatabase> | null {
    if (!this.factory) return null;
    if (this.db === null) {
      // Opened through the given factory (idb's openDB would take the global one), then wrapped by idb.
      const request = this.factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      this.db = wrap(request) as Promise<IDBPDatabase>;
    }
    return this.db;
  }

  put<T>(key: string, value: T): Promise<void> {
    const savedAt = this.now();
    return this.timed(
      (async () => {
        const db = await this.open();
        await db?.put(STORE, { savedAt, value } satisfies Saved<T>, key);
      })(),
    );
  }

  get<T>(key: string): Promise<Saved<T> | undefined> {
    return this.timed(
      (async () => {
        const db = await this.open();
        return (await db?.get(STORE, key)) as Saved<T> | undefined;
      })(),
    );
  }

  clear(): Promise<void> {
    return this.timed(
      (async () => {
        const db = await this.open();
        await db?.clear(STORE);
      })(),
    );
  }

  /**
   * The screen's answers from `load`, saved for later; without a connection the saved copy instead, or the
   * original error when there is none. Any other failure (401, 404, ...) is the caller's to handle.
   */
  async load<T>(key: string, load: () => Promise<T>): Promise<Loaded<T>> {
    try {
      const value = await load();
      // Saved in the background: a full, blocked or silent store must not hold up or hide a fresh answer.
      this.put(key, value).catch(() => undefined);
      return { value, offlineSince: null };
    } catch (e) {
      if (e instanceof ApiError && e.offline) {
        const saved = await this.get<T>(key).catch(() => undefined);
        if (saved) return { value: saved.value, offlineSince: new Date(saved.savedAt) };
      }
      throw e;
    }
  }
}
