import { wrap, type IDBPDatabase } from 'idb';
import { timed } from '../shared/timed';
import { ApiError } from '../shared/api';

/**
 * The last answers of each screen, kept in IndexedDB so that a screen can still show something without a
 * connection, marked with when ZenMoon sent it. Every entry is the logged-in account's (keyed by it, and the store
 * is emptied when another account logs in), and the store is emptied when a session ends: on a shared phone one
 * parent never sees another's children.
 */

const DB_NAME = 'zenmoon-parents';
const STORE = 'answers';
/** The account whose answers the store holds. */
const OWNER = 'owner';

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
  private account: string | null = null;

  constructor(
    private readonly factory: IDBFactory | undefined = globalThis.indexedDB,
    private readonly now: () => number = () => Date.now(),
    /** How long a read may take before the screen goes on without it (some browsers never answer). */
    private readonly timeoutMs = 2_000,
  ) {}

  private timed<T>(p: Promise<T>): Promise<T> {
    return timed(p, this.timeoutMs);
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

  /** The store key of an account's entry. */
  private keyOf(account: string, key: string): string {
    return `account:${encodeURIComponent(account)}/${key}`;
  }

  /**
   * From now on reads and writes are `account`'s (null: none, nothing is read or saved). When the store holds
   * another account's answers, they are deleted first.
   */
  useAccount(account: string | null): Promise<void> {
    this.account = account;
    if (account === null) return Promise.resolve();
    return this.timed(
      (async () => {
        const db = await this.open();
        if (!db) return;
        const tx = db.transaction(STORE, 'readwrite');
        if ((await tx.store.get(OWNER)) !== account) {
          await tx.store.clear();
          await tx.store.put(account, OWNER);
        }
        await tx.done;
      })(),
    );
  }

  put<T>(key: string, value: T): Promise<void> {
    const savedAt = this.now();
    const account = this.account;
    if (account === null) return Promise.resolve();
    return this.timed(
      (async () => {
        const db = await this.open();
        await db?.put(STORE, { savedAt, value } satisfies Saved<T>, this.keyOf(account, key));
      })(),
    );
  }

  get<T>(key: string): Promise<Saved<T> | undefined> {
    const account = this.account;
    if (account === null) return Promise.resolve(undefined);
    return this.timed(
      (async () => {
        const db = await this.open();
        return (await db?.get(STORE, this.keyOf(account, key))) as Saved<T> | undefined;
      })(),
    );
  }

  /** Deletes every saved answer, of every account, and reads and writes nothing until the next {@link useAccount}. */
  clear(): Promise<void> {
    this.account = null;
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
    const account = this.account;
    try {
      const value = await load();
      // Saved in the background: a full, blocked or silent store must not hold up or hide a fresh answer. Not
      // when the account changed meanwhile: the answer is the previous account's.
      if (this.account === account) this.put(key, value).catch(() => undefined);
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
