// The IDB classes as globals (idb checks requests with instanceof); each test still gets its own database factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FeedbackOutbox, FeedbackQueue, RETRY_FIRST_MS, type AnswerOutcome } from '../src/parents/outbox';
import { ApiClient } from '../src/shared/api';

interface Sent {
  readonly recommendationId: string;
  readonly body: unknown;
  readonly auth: string | null;
}

/** ZenMoon's feedback endpoint: answers each POST with the status `answer` gives (0: no connection). */
function server(answer: (recommendationId: string) => number | { status: number; retryAfter?: string } = () => 201) {
  const sent: Sent[] = [];
  const api = new ApiClient(
    () => 'should-not-be-used',
    async (url, init) => {
      const recommendationId = decodeURIComponent(url.split('/')[4]!);
      const a = answer(recommendationId);
      const { status, retryAfter } = typeof a === 'number' ? { status: a, retryAfter: undefined } : a;
      if (status === 0) throw new TypeError('Failed to fetch');
      sent.push({
        recommendationId,
        body: JSON.parse(String(init?.body)),
        auth: (init?.headers as Record<string, string>).Authorization ?? null,
      });
      return new Response(status === 201 ? '{}' : JSON.stringify({ status, title: 'No', detail: `refused ${status}` }), {
        status,
        headers: retryAfter ? { 'Retry-After': retryAfter } : {},
      });
    },
  );
  return { api, sent };
}

/** Timers that run only when told. */
function manualTimers() {
  const waiting: Array<{ fn: () => void; ms: number }> = [];
  return {
    waiting,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const t = { fn, ms };
        waiting.push(t);
        return t;
      },
      clearTimeout: (h: unknown) => {
        const i = waiting.indexOf(h as { fn: () => void; ms: number });
        if (i >= 0) waiting.splice(i, 1);
      },
    },
  };
}

/** Lets a round started by a timer finish (IndexedDB and the fetch double answer within a few ms). */
const settled = () => new Promise((r) => setTimeout(r, 30));

function queueFor(
  outbox: FeedbackOutbox,
  api: ApiClient,
  who: { account: string | null; token: string | null },
  extra: { background?: AnswerOutcome[]; ended?: string[]; timers?: ReturnType<typeof manualTimers>['timers'] } = {},
) {
  return new FeedbackQueue({
    outbox,
    api,
    account: () => who.account,
    token: () => who.token,
    onBackground: (o) => extra.background?.push(o),
    onSessionEnded: () => extra.ended?.push('ended'),
    timers: extra.timers ?? manualTimers().timers,
  });
}

describe('FeedbackQueue', () => {
  it('keeps answers given offline and sends them in order once online, each removed only after its 2xx', async () => {
    let online = false;
    const { api, sent } = server((id) => (!online ? 0 : id === 'r2' ? 503 : 201));
    const outbox = new FeedbackOutbox(new IDBFactory());
    const background: AnswerOutcome[] = [];
    const who = { account: 'parent-a', token: 'TOKEN-A' };
    const queue = queueFor(outbox, api, who, { background });

    const first = await queue.answer('r1', true, 'She liked it');
    expect(first.state).toBe('queued');
    expect(first.state === 'queued' && first.error?.offline).toBe(true);
    expect((await queue.answer('r2', false, null)).state).toBe('queued');
    expect((await queue.answer('r3', true, null)).state).toBe('queued');
    expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['r1', 'r2', 'r3']);

    // Back online: r1 goes; r2 gets a 503, so r2 and r3 (after it) wait for the next round.
    online = true;
    await queue.flush();
    expect(sent.map((s) => s.recommendationId)).toEqual(['r1', 'r2']);
    expect(sent[0]).toEqual({ recommendationId: 'r1', body: { helpful: true, comment: 'She liked it' }, auth: 'Bearer TOKEN-A' });
    expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['r2', 'r3']);
    expect(background.map((o) => `${o.state} ${o.answer.recommendationId}`)).toEqual(['sent r1']);
  });

  it('drops an answer the server refuses for good (404) and says so; keeps it on 408, 429 and 5xx', async () => {
    const status: Record<string, number> = { gone: 404, slow: 408 };
    const { api, sent } = server((id) => status[id] ?? 201);
    const outbox = new FeedbackOutbox(new IDBFactory());
    const background: AnswerOutcome[] = [];
    const queue = queueFor(outbox, api, { account: 'parent-a', token: 'T' }, { background });

    const gone = await queue.answer('gone', true, null);
    expect(gone.state).toBe('dropped');
    expect(gone.state === 'dropped' && gone.error.status).toBe(404);
    expect(await outbox.pending('parent-a')).toEqual([]);

    for (const code of [408, 429, 500]) {
      status.slow = code;
      const kept = await queue.answer('slow', false, null);
      expect(kept.state).toBe('queued');
      expect(kept.state === 'queued' && kept.error?.status).toBe(code);
      expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['slow']);
    }
    expect(sent.map((s) => s.recommendationId)).toEqual(['gone', 'slow', 'slow', 'slow']);
    // Given offline earlier and refused for good when sent later: told in the background.
    status.later = 0;
    await queue.answer('later', true, null);
    status.slow = 201;
    status.later = 404;
    await queue.flush();
    expect(background.map((o) => `${o.state} ${o.answer.recommendationId}`)).toEqual(['sent slow', 'dropped later']);
    expect(await outbox.pending('parent-a')).toEqual([]);
  });

  it('keeps every answer on a 401 and ends the session; they go with the next log-in of that parent', async () => {
    let valid = false;
    const { api, sent } = server(() => (valid ? 201 : 401));
    const outbox = new FeedbackOutbox(new IDBFactory());
    const ended: string[] = [];
    const who = { account: 'parent-a' as string | null, token: 'OLD' as string | null };
    const queue = queueFor(outbox, api, who, { ended });
    expect((await queue.answer('r1', true, null)).state).toBe('session-ended');
    expect(ended).toEqual(['ended']);
    expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['r1']);

    who.token = 'NEW';
    valid = true;
    await queue.flush();
    expect(sent.map((s) => s.auth)).toEqual(['Bearer OLD', 'Bearer NEW']);
    expect(await outbox.pending('parent-a')).toEqual([]);
  });

  it('replaces a waiting answer with a later one on the same suggestion', async () => {
    let online = false;
    const { api, sent } = server(() => (online ? 201 : 0));
    const outbox = new FeedbackOutbox(new IDBFactory());
    const queue = queueFor(outbox, api, { account: 'parent-a', token: 'T' });
    await queue.answer('r1', true, 'first thought');
    await queue.answer('r1', false, 'on second thought');
    expect(await outbox.pending('parent-a')).toHaveLength(1);
    expect((await queue.queued('r1'))?.helpful).toBe(false);
    online = true;
    await queue.flush();
    expect(sent).toEqual([{ recommendationId: 'r1', body: { helpful: false, comment: 'on second thought' }, auth: 'Bearer T' }]);
  });

  it("never sends one account's answers with another account's token", async () => {
    let online = false;
    const { api, sent } = server(() => (online ? 201 : 0));
    const factory = new IDBFactory();
    const who = { account: 'parent-a' as string | null, token: 'TOKEN-A' as string | null };
    const queue = queueFor(new FeedbackOutbox(factory), api, who);
    await queue.answer('r-of-a', true, 'a comment of A');

    // B logs in on the same phone (the page opened again), online: only B's own answers go, with B's token.
    online = true;
    who.account = 'parent-b';
    who.token = 'TOKEN-B';
    const outbox = new FeedbackOutbox(factory);
    const again = queueFor(outbox, api, who);
    await again.flush();
    expect(sent).toEqual([]);
    expect(await again.queued('r-of-a')).toBeUndefined();
    expect((await again.answer('r-of-b', false, null)).state).toBe('sent');
    expect(sent.map((s) => `${s.recommendationId} ${s.auth}`)).toEqual(['r-of-b Bearer TOKEN-B']);

    // A logs in again: A's answer goes, with A's token.
    who.account = 'parent-a';
    who.token = 'TOKEN-A2';
    await again.flush();
    expect(sent.map((s) => `${s.recommendationId} ${s.auth}`)).toEqual(['r-of-b Bearer TOKEN-B', 'r-of-a Bearer TOKEN-A2']);
    expect(await outbox.pending('parent-a')).toEqual([]);
  });

  it('sends again after a backoff when ZenMoon could not take the answer, never sooner than Retry-After', async () => {
    let status = 503;
    let retryAfter: string | undefined;
    const { api, sent } = server(() => ({ status, retryAfter }));
    const manual = manualTimers();
    const queue = queueFor(new FeedbackOutbox(new IDBFactory()), api, { account: 'p', token: 'T' }, { timers: manual.timers });
    expect((await queue.answer('r1', true, null)).state).toBe('queued');
    expect(manual.waiting.map((t) => t.ms)).toEqual([RETRY_FIRST_MS]);
    retryAfter = '120';
    manual.waiting.shift()!.fn();
    await settled();
    expect(manual.waiting.map((t) => t.ms)).toEqual([120_000]);
    status = 201;
    manual.waiting.shift()!.fn();
    await settled();
    expect(sent.map((x) => x.recommendationId)).toEqual(['r1', 'r1', 'r1']);
    expect(manual.waiting).toEqual([]);
    expect(await queue.queued('r1')).toBeUndefined();
  });

  it('sends at once, as before, where IndexedDB does not work; says so when that fails too', async () => {
    let online = true;
    const { api, sent } = server(() => (online ? 201 : 0));
    // An IDBFactory whose open requests never succeed nor fail (as in some private windows).
    const silent = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    const queue = queueFor(new FeedbackOutbox(silent, () => 0, 20), api, { account: 'p', token: 'T' });
    expect((await queue.answer('r1', true, null)).state).toBe('sent');
    expect(sent.map((x) => `${x.recommendationId} ${x.auth}`)).toEqual(['r1 Bearer T']);
    online = false;
    await expect(queue.answer('r1', false, null)).rejects.toThrow(
      'No connection to ZenMoon, and this phone could not keep the answer to send it later',
    );
  });
});
