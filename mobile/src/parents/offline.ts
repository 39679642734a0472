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
  ) {}

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

  async put<T>(key: string, value: T): Promise<void> {
    const db = await this.open();
    await db?.put(STORE, { savedAt: this.now(), value } satisfies Saved<T>, key);
  }

  async get<T>(key: string): Promise<Saved<T> | undefined> {
    const db = await this.open();
    return (await db?.get(STORE, key)) as Saved<T> | undefined;
  }

  async clear(): Promise<void> {
    const db = await this.open();
    await db?.clear(STORE);
  }

  /**
   * The screen's answers from `load`, saved for later; without a connection the saved copy instead, or the
   * original error when there is none. Any other failure (401, 404, ...) is the caller's to handle.
   */
  async load<T>(key: string, load: () => Promise<T>): Promise<Loaded<T>> {
    try {
      const value = await load();
      try {
        await this.put(key, value);
      } catch {
        // A full or blocked store must not hide a fresh answer.
      }
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
