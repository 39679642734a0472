import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/shared/api';
import { Queue } from '../src/companion/queue';
import { Uploader, backoffMs } from '../src/companion/uploader';
import { T0, epochs, freshDbName } from './companion-helpers';

interface Sent {
  readonly url: string;
  readonly authorization: string;
  readonly body: { batchId: string; deviceId: string; sentAt: string; epochs: Array<{ seq: number }> };
  readonly signal: AbortSignal | null;
}

type Reply = (sent: Sent) => Promise<Response>;

const ok: Reply = async (s) =>
  new Response(JSON.stringify({ batchId: s.body.batchId, accepted: s.body.epochs.length, duplicates: 0, clockSkewFlagged: false }), {
    status: 200,
  });
const offline: Reply = async () => Promise.reject(new TypeError('Failed to fetch'));
const status =
  (code: number, headers: Record<string, string> = {}): Reply =>
  async () =>
    new Response(JSON.stringify({ title: `HTTP ${code}`, status: code }), { status: code, headers });

/** A server that answers from a script, one reply per request, and records what it was sent. */
function scriptedServer(replies: Reply[]) {
  const sent: Sent[] = [];
  const api = new ApiClient(
    () => 'guardian-session',
    async (url, init) => {
      const s: Sent = {
        url,
        authorization: String((init?.headers as Record<string, string>).Authorization),
        body: JSON.parse(String(init?.body)) as Sent['body'],
        signal: init?.signal ?? null,
      };
      sent.push(s);
      const reply = replies.shift();
      if (!reply) throw new Error(`unscripted request ${sent.length}`);
      return reply(s);
    },
  );
  return { api, sent };
}

/** Manual clock and timer: the test decides when time passes and sees every delay the uploader asks for. */
function manualTime(start: number) {
  const clock = { now: start, timers: [] as Array<{ run: () => void; delayMs: number; cancelled: boolean }> };
  const schedule = (run: () => void, delayMs: number) => {
    const timer = { run, delayMs, cancelled: false };
    clock.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const pending = () => clock.timers.filter((t) => !t.cancelled);
  return { clock, schedule, pending };
}

async function setUp(replies: Reply[], options: { random?: number; dbName?: string; batches?: number[] } = {}) {
  const dbName = options.dbName ?? freshDbName('uploader-test');
  const queue = await Queue.open({ dbName });
  await queue.setPairing({ deviceId: 'dev-1', deviceToken: 'zmd.t.dev-1.secret', childId: 'child-1', pairedAt: T0 });
  let seq = 1;
  for (const n of options.batches ?? [5]) {
    await queue.append(epochs(seq, n), { wearableId: '5A4D0001', seq: seq + n - 1 }, null, T0);
    await queue.form(T0, true);
    seq += n;
  }
  const server = scriptedServer(replies);
  const time = manualTime(T0);
  const onlineListeners: Array<() => void> = [];
  const uploader = new Uploader({
    queue,
    api: server.api,
    now: () => time.clock.now,
    random: () => options.random ?? 0.5,
    schedule: time.schedule,
    online: (listener) => {
      onlineListeners.push(listener);
      return () => onlineListeners.splice(onlineListeners.indexOf(listener), 1);
    },
  });
  const goOnline = async () => {
    for (const l of onlineListeners) l();
    await uploader.idle();
  };
  return { queue, uploader, server, time, goOnline, dbName };
}

describe('backoffMs', () => {
  it('doubles from 2 s up to 5 min, with ±50 % jitter', () => {
    expect([1, 2, 3, 4, 8, 9, 20].map((a) => backoffMs(a, 0.5))).toEqual([2000, 4000, 8000, 16000, 256000, 300000, 300000]);
    expect(backoffMs(1, 0)).toBe(1000);
    expect(backoffMs(1, 0.999999)).toBe(3000);
    expect(backoffMs(20, 0)).toBe(150000);
  });
});

describe('Uploader', () => {
  it('sends the oldest batch first with the device token and the INGEST.md body, and removes it after the 200', async () => {
    const { queue, uploader, server } = await setUp([ok, ok], { batches: [3, 4] });
    const ids = (await queue.batches()).map((b) => b.batchId);
    await uploader.kick();
    expect(server.sent.map((s) => s.body.batchId)).toEqual(ids);
    const first = server.sent[0]!;
    expect(first.url).toBe('/api/v1/ingest/batches');
    expect(first.authorization).toBe('Bearer zmd.t.dev-1.secret');
    expect(Object.keys(first.body).sort()).toEqual(['batchId', 'deviceId', 'epochs', 'sentAt']);
    expect(first.body.deviceId).toBe('dev-1');
    expect(first.body.sentAt).toBe('2026-12-02T07:00:00Z');
    expect(first.body.epochs.map((e) => e.seq)).toEqual([1, 2, 3]);
    const status = await queue.status();
    expect(status.queuedEpochs).toBe(0);
    expect(status.totals.accepted).toBe(7);
    expect(uploader.state).toBe('idle');
  });

  it('retries with the same id and content, keeps the batch until the 200, and backs off more each time', async () => {
    const { queue, uploader, server, time } = await setUp([offline, status(500), status(502), ok]);
    const [batch] = await queue.batches();
    await uploader.kick();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const timer = time.pending().at(-1)!;
      delays.push(timer.delayMs);
      expect(await queue.batches()).toHaveLength(1);
      time.clock.now += timer.delayMs;
      timer.run();
      await uploader.kick();
    }
    expect(delays).toEqual([2000, 4000, 8000]);
    expect(server.sent.map((s) => s.body.batchId)).toEqual(Array(4).fill(batch!.batchId));
    expect(new Set(server.sent.map((s) => JSON.stringify(s.body.epochs))).size).toBe(1);
    expect(await queue.batches()).toEqual([]);
  });

  it('does not send before the timer, and never sooner than Retry-After', async () => {
    const { queue, uploader, server, time } = await setUp([status(503, { 'Retry-After': '120' }), ok]);
    await uploader.kick();
    expect(time.pending().at(-1)?.delayMs).toBe(120_000);
    const [batch] = await queue.batches();
    expect(batch?.nextAttemptAt).toBe(T0 + 120_000);
    expect(batch?.attempts).toBe(1);
    expect((await queue.status()).lastError).toEqual({ at: T0, status: 503, message: 'HTTP 503' });
    time.clock.now += 60_000;
    await uploader.kick(); // e.g. a frame came in: still too early
    expect(server.sent).toHaveLength(1);
    expect(time.pending().at(-1)?.delayMs).toBe(60_000);
    time.clock.now += 60_000;
    await uploader.kick();
    expect(server.sent).toHaveLength(2);
    expect(await queue.batches()).toEqual([]);
  });

  it('goes on when the browser is online again after a network error, but keeps a Retry-After', async () => {
    const { queue, uploader, server, time, goOnline } = await setUp([offline, offline, ok]);
    await uploader.kick();
    time.clock.now += 500;
    await goOnline(); // the first attempt's 2 s have not passed: online sends now
    expect(server.sent).toHaveLength(2);
    time.clock.now += 500;
    await goOnline();
    expect(server.sent).toHaveLength(3);
    expect(await queue.batches()).toEqual([]);

    const busy = await setUp([status(503, { 'Retry-After': '30' })]);
    await busy.uploader.kick();
    await busy.goOnline();
    expect(busy.server.sent).toHaveLength(1);
  });

  it('401: stops and asks to pair again, keeping the data', async () => {
    const { queue, uploader, server, time } = await setUp([status(401), ok], { batches: [3, 3] });
    await uploader.kick();
    expect(uploader.state).toBe('pair-again');
    expect(time.pending()).toHaveLength(0);
    await uploader.kick();
    expect(server.sent).toHaveLength(1);
    expect((await queue.status()).queuedEpochs).toBe(6);
    await queue.setPairing({ deviceId: 'dev-2', deviceToken: 'new-token', childId: 'child-1', pairedAt: T0 });
    await uploader.resume();
    expect(server.sent[1]?.authorization).toBe('Bearer new-token');
    expect(server.sent[1]?.body.deviceId).toBe('dev-2');
    expect(server.sent[1]?.body.batchId).toBe(server.sent[0]?.body.batchId);
  });

  it('403: stops uploading for this child and keeps the data', async () => {
    const { queue, uploader, server } = await setUp([status(403)], { batches: [3, 3] });
    await uploader.kick();
    expect(uploader.state).toBe('forbidden');
    expect(server.sent).toHaveLength(1);
    expect((await queue.status()).queuedEpochs).toBe(6);
    expect((await queue.status()).lastError?.status).toBe(403);
  });

  it('400: moves the batch to the rejected list and goes on with the next', async () => {
    const { queue, uploader, server } = await setUp([status(400), ok], { batches: [3, 4] });
    const ids = (await queue.batches()).map((b) => b.batchId);
    await uploader.kick();
    expect(server.sent.map((s) => s.body.batchId)).toEqual(ids);
    const status400 = await queue.status();
    expect(status400.rejectedBatches).toBe(1);
    expect(status400.rejectedEpochs).toBe(3);
    expect(status400.queuedEpochs).toBe(0);
    expect(status400.totals.accepted).toBe(4);
    expect((await queue.batches())[0]?.state).toBe('rejected');
  });

  it('413: splits the batch in two with new ids, in its place, and goes on', async () => {
    const { queue, uploader, server } = await setUp([status(413), ok, ok, ok], { batches: [5, 2] });
    const [big, next] = (await queue.batches()).map((b) => b.batchId);
    await uploader.kick();
    const ids = server.sent.map((s) => s.body.batchId);
    expect(ids[0]).toBe(big);
    expect(new Set(ids).size).toBe(4);
    expect(ids[3]).toBe(next);
    expect(server.sent.map((s) => s.body.epochs.map((e) => e.seq))).toEqual([[1, 2, 3, 4, 5], [1, 2, 3], [4, 5], [6, 7]]);
    expect((await queue.status()).totals.accepted).toBe(7);
  });

  it('counts an upload without an answer within a minute as a network error, and sends the same id again', async () => {
    const never: Reply = () => new Promise<Response>(() => undefined);
    const { queue, uploader, server, time } = await setUp([never, ok]);
    const running = uploader.kick();
    await new Promise((r) => setTimeout(r, 10));
    expect(uploader.state).toBe('sending');
    const answerTimer = time.pending().find((t) => t.delayMs === 60_000)!;
    time.clock.now += 60_000;
    answerTimer.run();
    await running;
    expect(uploader.state).toBe('waiting');
    expect((await queue.batches())[0]?.attempts).toBe(1);
    time.clock.now += 2_000;
    await uploader.kick();
    expect(server.sent.map((s) => s.body.batchId)).toEqual([server.sent[0]!.body.batchId, server.sent[0]!.body.batchId]);
    expect(await queue.batches()).toEqual([]);
  });

  it('after a crash between sending and the answer, a new queue on the same database sends the same id again', async () => {
    const never: Reply = () => new Promise<Response>(() => undefined);
    const first = await setUp([never]);
    const [batch] = await first.queue.batches();
    void first.uploader.kick();
    await new Promise((r) => setTimeout(r, 10));
    expect(first.server.sent).toHaveLength(1);
    first.uploader.stop();
    first.queue.close(); // the phone dies waiting for the answer

    const queue = await Queue.open({ dbName: first.dbName });
    const server = scriptedServer([ok]);
    const uploader = new Uploader({ queue, api: server.api, now: () => T0, schedule: () => () => undefined, online: () => () => undefined });
    await uploader.kick();
    expect(server.sent[0]?.body.batchId).toBe(batch!.batchId);
    expect(server.sent[0]?.body.epochs).toEqual(first.server.sent[0]?.body.epochs);
    expect(await queue.batches()).toEqual([]);
  });

  it('does not lose a kick that comes while a run is ending: it looks once more', async () => {
    for (let ticks = 0; ticks < 8; ticks++) {
      const queue = await Queue.open({ dbName: freshDbName('uploader-test') });
      await queue.setPairing({ deviceId: 'dev-1', deviceToken: 't', childId: 'child-1', pairedAt: T0 });
      const looks = vi.spyOn(queue, 'pairing');
      let late: Promise<void> | null = null;
      const uploader = new Uploader({
        queue,
        api: scriptedServer([]).api,
        now: () => T0,
        schedule: () => () => undefined,
        online: () => () => undefined,
        onChange: (state) => {
          if (late !== null || state !== 'idle') return;
          // the run has nothing to send and is about to rest: a frame is stored and kicks, `ticks` microtasks later
          let wait = Promise.resolve();
          for (let i = 0; i < ticks; i++) wait = wait.then(() => undefined);
          late = wait.then(() => uploader.kick());
        },
      });
      await uploader.kick();
      await late;
      await uploader.idle();
      expect(looks, `a kick ${ticks} microtasks after the run went idle`).toHaveBeenCalledTimes(2);
      uploader.stop();
      queue.close();
    }
  });

  it('after stop, an answer that still arrives touches neither the queue nor a timer', async () => {
    let answer: (r: Response) => void = () => undefined;
    const late: Reply = (s) =>
      new Promise<Response>((resolve) => {
        answer = resolve;
        void s;
      });
    const { queue, uploader, server, time, dbName } = await setUp([late]);
    const acknowledge = vi.spyOn(queue, 'acknowledge');
    const recordFailure = vi.spyOn(queue, 'recordFailure');
    const running = uploader.kick();
    await new Promise((r) => setTimeout(r, 10));
    expect(server.sent).toHaveLength(1);
    expect(server.sent[0]?.signal?.aborted).toBe(false);
    uploader.stop(); // the screen is left: the uploader stops and the database is closed
    queue.close();
    expect(server.sent[0]?.signal?.aborted).toBe(true);
    answer(await ok(server.sent[0]!)); // the server answered all the same
    await running;
    expect(acknowledge).not.toHaveBeenCalled();
    expect(recordFailure).not.toHaveBeenCalled();
    expect(time.pending()).toEqual([]);
    expect(uploader.state).toBe('stopped');
    const reopened = await Queue.open({ dbName });
    expect((await reopened.batches()).map((b) => b.attempts)).toEqual([0]); // it goes again, with the same id
    reopened.close();
  });

  it('aborts an upload without an answer before it sends the batch again, so two are never in flight', async () => {
    const never: Reply = () => new Promise<Response>(() => undefined);
    const { uploader, server, time } = await setUp([never, ok]);
    const running = uploader.kick();
    await new Promise((r) => setTimeout(r, 10));
    const first = server.sent[0]!;
    expect(first.signal?.aborted).toBe(false);
    const answerTimer = time.pending().find((t) => t.delayMs === 60_000)!;
    time.clock.now += 60_000;
    answerTimer.run();
    await running;
    expect(first.signal?.aborted).toBe(true);
    time.clock.now += 2_000;
    await uploader.kick();
    expect(server.sent).toHaveLength(2);
    expect(server.sent[1]?.body.batchId).toBe(first.body.batchId);
  });

  it('401 for the old token after pairing again while it was in flight: sends with the new token, does not halt', async () => {
    let answer: (r: Response) => void = () => undefined;
    const inFlight: Reply = () => new Promise<Response>((resolve) => (answer = resolve));
    const { queue, uploader, server } = await setUp([inFlight, ok]);
    const running = uploader.kick();
    await new Promise((r) => setTimeout(r, 10));
    await queue.setPairing({ deviceId: 'dev-2', deviceToken: 'new-token', childId: 'child-1', pairedAt: T0 });
    answer(await status(401)(server.sent[0]!)); // the old device was revoked meanwhile
    await running;
    await uploader.idle();
    expect(uploader.state).toBe('idle');
    expect(server.sent.map((s) => s.authorization)).toEqual(['Bearer zmd.t.dev-1.secret', 'Bearer new-token']);
    expect(await queue.batches()).toEqual([]);
  });
});
