// The IDB classes as globals (idb checks requests with instanceof); each test still gets its own database factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FeedbackOutbox, FeedbackQueue, MAX_AGE_MS, MAX_TRIES, OUTBOX_LOCK, RETRY_FIRST_MS, type AnswerOutcome, type LocksLike } from '../src/parents/outbox';
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
  extra: {
    background?: AnswerOutcome[];
    ended?: string[];
    timers?: ReturnType<typeof manualTimers>['timers'];
    locks?: LocksLike | null;
    answerTimeoutMs?: number;
    now?: () => number;
  } = {},
) {
  return new FeedbackQueue({
    outbox,
    api,
    account: () => who.account,
    token: () => who.token,
    onBackground: (o) => extra.background?.push(o),
    onSessionEnded: () => extra.ended?.push('ended'),
    timers: extra.timers ?? manualTimers().timers,
    locks: extra.locks ?? null,
    ...(extra.answerTimeoutMs === undefined ? {} : { answerTimeoutMs: extra.answerTimeoutMs }),
    ...(extra.now === undefined ? {} : { now: extra.now }),
  });
}

/**
 * A feedback endpoint whose answers wait until the test gives them: `held` lists the POSTs in flight (their body,
 * token and signal), `answer(i, status)` ends the i-th of them; `inFlightMax` is the most ever in flight at once.
 */
function heldServer() {
  const held: Array<{ recommendationId: string; body: unknown; auth: string | null; signal: AbortSignal | null; reply: (status: number) => void }> = [];
  let inFlight = 0;
  const stats = { inFlightMax: 0 };
  const api = new ApiClient(
    () => null,
    (url, init) =>
      new Promise<Response>((resolve, reject) => {
        inFlight++;
        stats.inFlightMax = Math.max(stats.inFlightMax, inFlight);
        held.push({
          recommendationId: decodeURIComponent(url.split('/')[4]!),
          body: JSON.parse(String(init?.body)),
          auth: (init?.headers as Record<string, string>).Authorization ?? null,
          signal: init?.signal ?? null,
          reply: (status) => {
            inFlight--;
            if (status === 0) reject(new TypeError('Failed to fetch'));
            else resolve(new Response(status === 201 ? '{}' : JSON.stringify({ status }), { status }));
          },
        });
      }),
  );
  return { api, held, stats };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
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

    // Back online: r1 goes; r2 gets a 503 and waits for the next round, without holding up r3.
    online = true;
    await queue.flush();
    expect(sent.map((s) => s.recommendationId)).toEqual(['r1', 'r2', 'r3']);
    expect(sent[0]).toEqual({ recommendationId: 'r1', body: { helpful: true, comment: 'She liked it' }, auth: 'Bearer TOKEN-A' });
    expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['r2']);
    expect(background.map((o) => `${o.state} ${o.answer.recommendationId}`)).toEqual(['sent r1', 'sent r3']);
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

  it('stops a round only without a connection: a 5xx on one answer keeps it and lets the others go', async () => {
    const status: Record<string, number> = { r1: 0, r2: 0, r3: 0 };
    const { api, sent } = server((id) => status[id]!);
    const outbox = new FeedbackOutbox(new IDBFactory());
    const manual = manualTimers();
    const queue = queueFor(outbox, api, { account: 'p', token: 'T' }, { timers: manual.timers });
    for (const id of ['r1', 'r2', 'r3']) await queue.answer(id, true, null);
    // Offline: the round stops at the first answer (no request could get through), and tries again later.
    expect(sent).toEqual([]);
    expect(manual.waiting).toHaveLength(1);

    status.r1 = 500;
    status.r2 = 201;
    status.r3 = 503;
    manual.waiting.shift()!.fn();
    await settled();
    expect(sent.map((x) => x.recommendationId)).toEqual(['r1', 'r2', 'r3']);
    expect((await outbox.pending('p')).map((a) => a.recommendationId)).toEqual(['r1', 'r3']);
    expect((await outbox.pending('p')).map((a) => a.tries)).toEqual([1, 1]);
    expect(manual.waiting).toHaveLength(1);
  });

  it('gives up an answer ZenMoon could not take after the maximum of tries, and tells the parent', async () => {
    const { api, sent } = server((id) => (id === 'broken' ? 500 : 201));
    const outbox = new FeedbackOutbox(new IDBFactory());
    const background: AnswerOutcome[] = [];
    const queue = queueFor(outbox, api, { account: 'p', token: 'T' }, { background });
    expect((await queue.answer('broken', false, 'a comment')).state).toBe('queued');
    for (let i = 1; i < MAX_TRIES - 1; i++) await queue.flush();
    expect(await outbox.pending('p')).toHaveLength(1);
    expect(background).toEqual([]);
    await queue.flush();
    expect(sent).toHaveLength(MAX_TRIES);
    expect(await outbox.pending('p')).toEqual([]);
    expect(background.map((o) => o.state === 'expired' && `${o.reason} ${o.error?.status}`)).toEqual(['too-many-tries 500']);
    // Not sent again.
    await queue.flush();
    expect(sent).toHaveLength(MAX_TRIES);
  });

  it('gives up an answer that waited longer than the maximum age, unsent, and tells the parent', async () => {
    const T0 = Date.parse('2026-03-01T08:00:00Z');
    let now = T0;
    let online = false;
    const { api, sent } = server(() => (online ? 201 : 0));
    const outbox = new FeedbackOutbox(new IDBFactory(), () => now);
    const background: AnswerOutcome[] = [];
    const queue = queueFor(outbox, api, { account: 'p', token: 'T' }, { background, now: () => now });
    await queue.answer('old', true, 'from last month');
    now = T0 + MAX_AGE_MS - 60_000;
    await queue.answer('recent', true, null);
    now = T0 + MAX_AGE_MS + 60_000;
    online = true;
    await queue.flush();
    expect(sent.map((x) => x.recommendationId)).toEqual(['recent']);
    expect(background.map((o) => `${o.state} ${o.answer.recommendationId}`)).toEqual(['expired old', 'sent recent']);
    expect(background[0]!.state === 'expired' && background[0]!.reason).toBe('too-old');
    expect(await outbox.pending('p')).toEqual([]);
  });

  it('ends the session on a 401 only when the token that got it is still the current one', async () => {
    const { api, held } = heldServer();
    const outbox = new FeedbackOutbox(new IDBFactory());
    const ended: string[] = [];
    const who = { account: 'parent-a' as string | null, token: 'OLD' as string | null };
    const queue = queueFor(outbox, api, who, { ended });
    const answered = queue.answer('r1', true, null);
    await until(() => held.length === 1, 'the POST');
    // The parent logs out and in again meanwhile; then the old token's 401 arrives.
    who.token = 'NEW';
    held[0]!.reply(401);
    expect((await answered).state).toBe('queued');
    expect(ended).toEqual([]);
    expect((await outbox.pending('parent-a')).map((a) => a.recommendationId)).toEqual(['r1']);
    // The new session sends it.
    const round = queue.flush();
    await until(() => held.length === 2, 'the POST with the new token');
    expect(held[1]!.auth).toBe('Bearer NEW');
    held[1]!.reply(201);
    await round;
    expect(await outbox.pending('parent-a')).toEqual([]);

    // A 401 for the current token still ends the session.
    const again = queue.answer('r2', true, null);
    await until(() => held.length === 3, 'the third POST');
    held[2]!.reply(401);
    expect((await again).state).toBe('session-ended');
    expect(ended).toEqual(['ended']);
  });

  it('gives up on a POST without an answer after the timeout, as without a connection, and frees the card', async () => {
    const { api, held } = heldServer();
    const outbox = new FeedbackOutbox(new IDBFactory());
    const manual = manualTimers();
    const queue = queueFor(outbox, api, { account: 'p', token: 'T' }, { timers: manual.timers, answerTimeoutMs: 40 });
    const outcome = await queue.answer('r1', true, null);
    expect(outcome.state).toBe('queued');
    expect(outcome.state === 'queued' && outcome.error?.offline).toBe(true);
    expect(outcome.state === 'queued' && outcome.error?.message).toBe('No answer from ZenMoon within 0.04 s');
    // The request was aborted, not left in flight; the answer waits for the retry.
    expect(held).toHaveLength(1);
    expect(held[0]!.signal?.aborted).toBe(true);
    expect((await outbox.pending('p')).map((a) => a.recommendationId)).toEqual(['r1']);
    expect(manual.waiting.map((t) => t.ms)).toEqual([RETRY_FIRST_MS]);
    // The next answer is not held up behind it.
    const next = queue.answer('r2', false, null);
    await until(() => held.length === 2, 'the next POST');
    held[1]!.reply(201);
    await until(() => held.length === 3, 'the POST of r2');
    held[2]!.reply(201);
    expect((await next).state).toBe('sent');
  });

  it('never sends an answer another tab has meanwhile replaced and sent (re-read before each POST)', async () => {
    const { api, held } = heldServer();
    const factory = new IDBFactory();
    const who = { account: 'p', token: 'T' };
    // Two tabs on one IndexedDB, in a browser without Web Locks.
    const tab1 = queueFor(new FeedbackOutbox(factory), api, who);
    const tab2 = queueFor(new FeedbackOutbox(factory), api, who);
    const outbox = new FeedbackOutbox(factory);
    await outbox.put('p', 'r0', true, null);
    await outbox.put('p', 'r1', true, 'first thought');

    const round1 = tab1.flush();
    await until(() => held.length === 1, "tab 1's first POST");
    expect(held[0]!.recommendationId).toBe('r0');
    // Tab 2 answers r1 again and sends it while tab 1 waits on r0.
    const answered = tab2.answer('r1', false, 'on second thought');
    await until(() => held.length === 2, "tab 2's POST of r0");
    expect(held[1]!.recommendationId).toBe('r0');
    held[1]!.reply(201);
    await until(() => held.length === 3, "tab 2's POST of r1");
    held[2]!.reply(201);
    expect((await answered).state).toBe('sent');
    held[0]!.reply(201);
    await round1;
    await tab2.flush();
    const r1 = held.filter((x) => x.recommendationId === 'r1');
    expect(r1.map((x) => x.body)).toEqual([{ helpful: false, comment: 'on second thought' }]);
    expect(await outbox.pending('p')).toEqual([]);
  });

  it('lets one tab send at a time where Web Locks exist, and the last answer given is the one kept', async () => {
    const { api, held, stats } = heldServer();
    const factory = new IDBFactory();
    const who = { account: 'p', token: 'T' };
    const names: string[] = [];
    let chain: Promise<unknown> = Promise.resolve();
    const locks: LocksLike = {
      request: (name, callback) => {
        names.push(name);
        const run = chain.then(callback);
        chain = run.catch(() => undefined);
        return run;
      },
    };
    const tab1 = queueFor(new FeedbackOutbox(factory), api, who, { locks });
    const tab2 = queueFor(new FeedbackOutbox(factory), api, who, { locks });
    const outbox = new FeedbackOutbox(factory);
    await outbox.put('p', 'r0', true, null);
    await outbox.put('p', 'r1', true, 'first thought');

    const round1 = tab1.flush();
    await until(() => held.length === 1, "tab 1's first POST");
    const answered = tab2.answer('r1', false, 'on second thought');
    await new Promise((r) => setTimeout(r, 30));
    // Tab 2 waits for tab 1's round: nothing else in flight.
    expect(held).toHaveLength(1);
    held[0]!.reply(201);
    await round1;
    await until(() => held.length === 2, "tab 2's POST");
    held[1]!.reply(201);
    expect((await answered).state).toBe('sent');
    expect(stats.inFlightMax).toBe(1);
    expect(held.filter((x) => x.recommendationId === 'r1').map((x) => x.body)).toEqual([{ helpful: false, comment: 'on second thought' }]);
    expect(new Set(names)).toEqual(new Set([OUTBOX_LOCK]));
  });

  it('sends without the lock where the browser refuses it', async () => {
    const { api, sent } = server();
    const locks: LocksLike = { request: () => Promise.reject(new DOMException('Access denied', 'SecurityError')) };
    const queue = queueFor(new FeedbackOutbox(new IDBFactory()), api, { account: 'p', token: 'T' }, { locks });
    expect((await queue.answer('r1', true, null)).state).toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it("deletes another account's waiting answers when an account logs in, keeps its own", async () => {
    const { api, sent } = server(() => 0);
    const factory = new IDBFactory();
    const queueA = queueFor(new FeedbackOutbox(factory), api, { account: 'parent-a', token: 'A' });
    await queueA.answer('r1', true, "a comment about A's child");
    const queueB = queueFor(new FeedbackOutbox(factory), api, { account: 'parent-b', token: 'B' });
    await queueB.answer('r2', true, null);

    await queueB.useAccount('parent-b');
    const outbox = new FeedbackOutbox(factory);
    expect(await outbox.pending('parent-a')).toEqual([]);
    expect((await outbox.pending('parent-b')).map((a) => a.recommendationId)).toEqual(['r2']);
    expect(sent).toEqual([]);
  });
});
