import { beforeEach, describe, expect, it } from 'vitest';
import { AlertsClient, backoff, type AlertSource, type SocketLike } from '../src/parents/alerts';
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
  drop(): void {
    this.onclose?.({} as CloseEvent);
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

function alert(id: string, childId: string, at: string): Alert {
  return { alertId: id, childId, kind: 'stress_sustained', severity: 'high', at, detail: 'd' };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('AlertsClient', () => {
  let clock: FakeClock;
  let gets: string[];
  let answers: Map<string, Alert[]>;
  let told: Array<{ ids: string[]; source: AlertSource }>;
  let client: AlertsClient;

  beforeEach(() => {
    FakeSocket.all = [];
    clock = new FakeClock();
    gets = [];
    answers = new Map();
    told = [];
    client = new AlertsClient({
      url: 'wss://zenmoon.example/ws/alerts',
      token: () => 'TOKEN',
      childIds: () => ['c1', 'c2'],
      get: async <T>(path: string) => {
        gets.push(path);
        const childId = /\/children\/([^/]+)\/alerts/.exec(path)![1]!;
        return { items: answers.get(childId) ?? [] } as T;
      },
      onAlerts: (alerts, source) => told.push({ ids: alerts.map((a) => a.alertId), source }),
      socket: (url, protocols) => new FakeSocket(url, protocols),
      timers: clock.timers,
      now: () => clock.time,
      lookbackMs: 86_400_000,
      stableMs: 10_000,
    });
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

  it('fetches each child\'s missed alerts on every connect, from the newest one seen', async () => {
    answers.set('c1', [alert('a1', 'c1', '2026-03-20T11:00:00Z')]);
    client.start();
    FakeSocket.all[0]!.open();
    await flush();
    const dayBefore = encodeURIComponent('2026-03-19T12:00:00.000Z');
    expect(gets).toEqual([`/children/c1/alerts?from=${dayBefore}`, `/children/c2/alerts?from=${dayBefore}`]);
    expect(told).toEqual([{ ids: ['a1'], source: 'initial' }]);

    FakeSocket.all[0]!.push(alert('a2', 'c2', '2026-03-20T12:00:05Z'));
    expect(told.at(-1)).toEqual({ ids: ['a2'], source: 'live' });

    // Down for a while; the server kept a3 for c1. The reconnect asks from the newest alert seen per child.
    FakeSocket.all[0]!.drop();
    answers.set('c1', [alert('a1', 'c1', '2026-03-20T11:00:00Z'), alert('a3', 'c1', '2026-03-20T12:00:30Z')]);
    gets = [];
    clock.advance(1000);
    FakeSocket.all[1]!.open();
    await flush();
    expect(gets).toEqual([
      `/children/c1/alerts?from=${encodeURIComponent('2026-03-20T11:00:00Z')}`,
      `/children/c2/alerts?from=${encodeURIComponent('2026-03-20T12:00:05Z')}`,
    ]);
    // a1 came back (from is inclusive) but is told once only.
    expect(told.at(-1)).toEqual({ ids: ['a3'], source: 'catch-up' });
    expect(told.flatMap((t) => t.ids)).toEqual(['a1', 'a2', 'a3']);
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
});
