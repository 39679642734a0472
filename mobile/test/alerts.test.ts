import { beforeEach, describe, expect, it } from 'vitest';
import { AlertsClient, backoff, type AlertSource, type AlertsOptions, type SocketLike } from '../src/parents/alerts';
import { ApiError } from '../src/shared/api';
import type { Alert } from '../src/shared/types';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.all.push(this);
  }
  open(): void {
    this.onopen?.({} as Event);
  }
  push(data: unknown): void {
    this.onmessage?.({ data: JSON.stringify(data) } as MessageEvent);
  }
  drop(code = 1006): void {
    this.onclose?.({ code } as CloseEvent);
  }
  close(): void {
    this.closed = true;
  }
}

/** Timers that run only when the test advances the clock. */
class FakeClock {
  time = Date.parse('2026-03-20T12:00:00Z');
  private queue: Array<{ at: number; fn: () => void; id: number }> = [];
  private next = 1;
  timers = {
    setTimeout: (fn: () => void, ms: number) => {
      const id = this.next++;
      this.queue.push({ at: this.time + ms, fn, id });
      return id;
    },
    clearTimeout: (id: unknown) => {
      this.queue = this.queue.filter((t) => t.id !== id);
    },
  };
  pending(): number[] {
    return this.queue.map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const t = this.queue[0];
      if (!t || t.at > until) break;
      this.queue.shift();
      this.time = t.at;
      t.fn();
    }
    this.time = until;
  }
}

function alert(id: string, childId: string, at: string, raisedAt?: string): Alert {
  return { alertId: id, childId, kind: 'stress_sustained', severity: 'high', at, detail: 'd', ...(raisedAt ? { raisedAt } : {}) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('AlertsClient', () => {
  let clock: FakeClock;
  let gets: string[];
  let answers: Map<string, Alert[]>;
  let told: Array<{ ids: string[]; source: AlertSource }>;
  let client: AlertsClient;
  let ended: number;
  let refuse: boolean;

  function makeClient(extra: Partial<AlertsOptions> = {}): AlertsClient {
    return new AlertsClient({
      url: 'wss://zenmoon.example/ws/alerts',
      token: () => 'TOKEN',
      childIds: () => ['c1', 'c2'],
      // As the server: `from` (inclusive) bounds `raisedAt`, not `at`; an expired token gets 401.
      get: async <T>(path: string) => {
        gets.push(path);
        if (refuse) throw new ApiError(401, 'Unauthorized');
        const [, childId, from] = /\/children\/([^/]+)\/alerts\?from=(.*)$/.exec(path)!;
        const since = Date.parse(decodeURIComponent(from!));
        const items = (answers.get(childId!) ?? []).filter((a) => Date.parse(a.raisedAt ?? a.at) >= since);
        return { items } as T;
      },
      onAlerts: (alerts, source) => told.push({ ids: alerts.map((a) => a.alertId), source }),
      onSessionEnded: () => ended++,
      socket: (url, protocols) => new FakeSocket(url, protocols),
      timers: clock.timers,
      now: () => clock.time,
      lookbackMs: 86_400_000,
      stableMs: 10_000,
      ...extra,
    });
  }

  beforeEach(() => {
    FakeSocket.all = [];
    clock = new FakeClock();
    gets = [];
    answers = new Map();
    told = [];
    ended = 0;
    refuse = false;
    client = makeClient();
  });

  it('passes the token as the subprotocols, never in the URL', () => {
    client.start();
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.url).toBe('wss://zenmoon.example/ws/alerts');
    expect(FakeSocket.all[0]!.protocols).toEqual(['bearer', 'TOKEN']);
  });

  it('reconnects after 1 s, doubling to 30 s, and starts at 1 s again after a stable connection', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(backoff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    client.start();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      FakeSocket.all.at(-1)!.drop();
      waits.push(clock.pending()[0]!);
      clock.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(FakeSocket.all).toHaveLength(8);

    // Open, but dropped before it was stable: the backoff goes on.
    FakeSocket.all.at(-1)!.open();
    clock.advance(9_000);
    FakeSocket.all.at(-1)!.drop();
    expect(clock.pending()).toEqual([30000]);
    clock.advance(30000);

    // Open long enough: the next drop waits 1 s.
    FakeSocket.all.at(-1)!.open();
    clock.advance(10_000);
    FakeSocket.all.at(-1)!.drop();
    expect(clock.pending()).toEqual([1000]);
  });

  it('fetches each child\'s missed alerts on every connect, from shortly before the newest one raised', async () => {
    answers.set('c1', [alert('a1', 'c1', '2026-03-20T11:00:00Z', '2026-03-20T11:31:00Z')]);
    client.start();
    FakeSocket.all[0]!.open();
    await flush();
    const dayBefore = encodeURIComponent('2026-03-19T12:00:00.000Z');
    expect(gets).toEqual([`/children/c1/alerts?from=${dayBefore}`, `/children/c2/alerts?from=${dayBefore}`]);
    expect(told).toEqual([{ ids: ['a1'], source: 'initial' }]);

    // The wearable's clock runs 10 minutes fast: the alert's minutes (`at`) lie after the time it was raised.
    FakeSocket.all[0]!.push(alert('a2', 'c1', '2026-03-20T12:10:00Z', '2026-03-20T12:00:05Z'));
    // Without raisedAt (an older server), `at` stands in.
    FakeSocket.all[0]!.push(alert('a4', 'c2', '2026-03-20T12:00:10Z'));
    expect(told.at(-1)).toEqual({ ids: ['a4'], source: 'live' });

    // Down for a while; the server raised a3 for c1 meanwhile. The reconnect asks each child from a minute
    // before its newest alert raised, so a3 (raised before a2's `at`) is not missed.
    FakeSocket.all[0]!.drop();
    answers.set('c1', [
      alert('a1', 'c1', '2026-03-20T11:00:00Z', '2026-03-20T11:31:00Z'),
      alert('a2', 'c1', '2026-03-20T12:10:00Z', '2026-03-20T12:00:05Z'),
      alert('a3', 'c1', '2026-03-20T11:59:00Z', '2026-03-20T12:00:30Z'),
    ]);
    gets = [];
    clock.advance(1000);
    FakeSocket.all[1]!.open();
    await flush();
    expect(gets).toEqual([
      `/children/c1/alerts?from=${encodeURIComponent('2026-03-20T11:59:05.000Z')}`,
      `/children/c2/alerts?from=${encodeURIComponent('2026-03-20T11:59:10.000Z')}`,
    ]);
    // a2 came back (inside the margin) but is told once only.
    expect(told.at(-1)).toEqual({ ids: ['a3'], source: 'catch-up' });
    expect(told.flatMap((t) => t.ids)).toEqual(['a1', 'a2', 'a4', 'a3']);
  });

  it('tells an alert pushed twice once, and ignores what is not an alert', () => {
    client.start();
    const socket = FakeSocket.all[0]!;
    socket.open();
    socket.push(alert('a9', 'c1', '2026-03-20T12:00:00Z'));
    socket.push(alert('a9', 'c1', '2026-03-20T12:00:00Z'));
    socket.push({ hello: 'world' });
    socket.onmessage?.({ data: 'not json' } as MessageEvent);
    expect(told.filter((t) => t.source === 'live')).toEqual([{ ids: ['a9'], source: 'live' }]);
  });

  it('stops for good at log-out: the socket is closed and nothing reconnects', () => {
    client.start();
    const socket = FakeSocket.all[0]!;
    client.stop();
    expect(socket.closed).toBe(true);
    socket.drop();
    clock.advance(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(clock.pending()).toEqual([]);
  });

  it('ends the session when the server closes the socket with 1008 (token expired): no reconnect', () => {
    client.start();
    FakeSocket.all[0]!.open();
    FakeSocket.all[0]!.drop(1008);
    expect(ended).toBe(1);
    expect(clock.pending()).toEqual([]);
    clock.advance(120_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('ends the session when the catch-up is refused with 401, and stops reconnecting', async () => {
    client.start();
    FakeSocket.all[0]!.drop();
    refuse = true;
    clock.advance(1000);
    FakeSocket.all[1]!.open();
    await flush();
    expect(ended).toBe(1);
    expect(FakeSocket.all[1]!.closed).toBe(true);
    clock.advance(120_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('does not reconnect with an expired token (the handshake would be refused): the session ends', () => {
    const expiresAt = clock.time + 5_000;
    client = makeClient({ expired: () => clock.time >= expiresAt });
    client.start();
    FakeSocket.all[0]!.open();
    clock.advance(4_000);
    FakeSocket.all[0]!.drop();
    expect(ended).toBe(0);
    clock.advance(1_000);
    // The retry came at the expiry: no socket with the expired token.
    expect(FakeSocket.all).toHaveLength(1);
    expect(ended).toBe(1);
    clock.advance(120_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('asks for the children first when their list is still empty', async () => {
    let ids: string[] = [];
    let loads = 0;
    answers.set('c1', [alert('a1', 'c1', '2026-03-20T11:00:00Z', '2026-03-20T11:00:30Z')]);
    client = makeClient({
      childIds: async () => {
        if (ids.length === 0) {
          loads++;
          ids = ['c1'];
        }
        return ids;
      },
    });
    client.start();
    FakeSocket.all[0]!.open();
    await flush();
    expect(loads).toBe(1);
    expect(told).toEqual([{ ids: ['a1'], source: 'initial' }]);
  });
});
