// The IDB classes as globals (idb checks requests with instanceof); each test still gets its own database factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../src/parents/offline';
import { ApiError } from '../src/shared/api';

describe('AnswerCache', () => {
  it('keeps the last answer and shows it, with when it was saved, when the network fails', async () => {
    let now = Date.parse('2026-03-20T14:05:00Z');
    const cache = new AnswerCache(new IDBFactory(), () => now);
    await cache.useAccount('parent-a');
    const fresh = await cache.load('summary:c1', async () => ({ sleep: 480 }));
    expect(fresh).toEqual({ value: { sleep: 480 }, offlineSince: null });

    now += 3_600_000;
    const offline = await cache.load('summary:c1', async () => {
      throw new ApiError(0, 'No connection to ZenMoon');
    });
    expect(offline.value).toEqual({ sleep: 480 });
    expect(offline.offlineSince?.toISOString()).toBe('2026-03-20T14:05:00.000Z');
  });

  it('passes on other failures, and offline failures of screens never saved', async () => {
    const cache = new AnswerCache(new IDBFactory());
    await cache.useAccount('parent-a');
    await cache.load('forecast:c1', async () => ({ points: [] }));
    const denied = await cache
      .load('forecast:c1', async () => {
        throw new ApiError(401, 'Unauthorized');
      })
      .catch((e: unknown) => e);
    expect((denied as ApiError).status).toBe(401);
    const never = await cache
      .load('forecast:c2', async () => {
        throw new ApiError(0, 'No connection to ZenMoon');
      })
      .catch((e: unknown) => e);
    expect((never as ApiError).offline).toBe(true);
  });

  it('forgets everything at log-out', async () => {
    const cache = new AnswerCache(new IDBFactory());
    await cache.useAccount('parent-a');
    await cache.put('children', [{ childId: 'c1' }]);
    await cache.clear();
    await cache.useAccount('parent-a');
    expect(await cache.get('children')).toBeUndefined();
  });

  it("never shows one account's answers to another, and deletes them when another account logs in", async () => {
    const factory = new IDBFactory();
    const first = new AnswerCache(factory);
    await first.useAccount('parent-a');
    await first.put('children', [{ childId: 'c-of-a' }]);
    expect((await first.get('children'))?.value).toEqual([{ childId: 'c-of-a' }]);

    // The same phone, the page opened again (a new cache object), parent B logs in and is offline.
    const second = new AnswerCache(factory);
    await second.useAccount('parent-b');
    const offline = await second
      .load('children', async () => {
        throw new ApiError(0, 'No connection to ZenMoon');
      })
      .catch((e: unknown) => e);
    expect((offline as ApiError).offline).toBe(true);

    // A's answers are gone from the phone, not only hidden: A logging in again finds nothing either.
    await second.useAccount('parent-a');
    expect(await second.get('children')).toBeUndefined();
  });

  it('neither reads nor saves without an account', async () => {
    const cache = new AnswerCache(new IDBFactory());
    await cache.useAccount('parent-a');
    await cache.put('children', ['of a']);
    await cache.useAccount(null);
    expect(await cache.get('children')).toBeUndefined();
    await cache.put('children', ['nobody']);
    await cache.useAccount('parent-a');
    expect((await cache.get('children'))?.value).toEqual(['of a']);
  });
});

describe('AnswerCache with a store that never answers', () => {
  it('shows fresh answers at once and gives up on the saved copy after the time-out', async () => {
    // An IDBFactory whose open requests never succeed nor fail (as in some headless browsers).
    const silent = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    const cache = new AnswerCache(silent, () => 0, 50);
    void cache.useAccount('parent-a').catch(() => undefined);
    expect(await cache.load('children', async () => ['fresh'])).toEqual({ value: ['fresh'], offlineSince: null });
    const started = Date.now();
    const error = await cache
      .load('children', async () => {
        throw new ApiError(0, 'No connection to ZenMoon');
      })
      .catch((e: unknown) => e);
    expect((error as ApiError).offline).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
