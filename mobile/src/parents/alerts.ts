import { ApiError } from '../shared/api';
import type { Alert } from '../shared/types';
import type { AlertsPage } from './answers';

/**
 * Live alerts: a WebSocket to /ws/alerts with the token as subprotocols (`bearer`, token; never in the URL), that
 * reconnects with a backoff of 1 s doubling to 30 s (back to 1 s once a connection has stayed up), and on every
 * (re)connect asks each child's `/alerts?from=` for what was missed meanwhile. Alerts are told once each (by alertId).
 * The server closes the socket with 1008 when the token expires (and refuses it with 401 afterwards), so a 1008
 * close, a 401 on the catch-up or an expired token ends the session instead of reconnecting for ever.
 */

export interface SocketLike {
  onopen: ((ev: Event) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where an alert came from: the first fetch after log-in, the socket, or a fetch after a reconnect. */
export type AlertSource = 'initial' | 'live' | 'catch-up';

export type ConnectionState = 'connecting' | 'open' | 'waiting';

export interface AlertsOptions {
  readonly url: string;
  readonly token: () => string | null;
  /** The account's children; may load them first (when the list could not be loaded yet). */
  readonly childIds: () => readonly string[] | Promise<readonly string[]>;
  /** GET of the API (ApiClient.get). */
  readonly get: <T>(path: string) => Promise<T>;
  readonly onAlerts: (alerts: Alert[], source: AlertSource) => void;
  readonly onState?: (state: ConnectionState, retryInMs?: number) => void;
  /** The session has ended (1008 close, 401, expired token): the client has stopped for good. */
  readonly onSessionEnded?: () => void;
  /** True once the token has expired: no reconnect is tried with it. */
  readonly expired?: () => boolean;
  readonly socket?: SocketFactory;
  readonly timers?: Timers;
  readonly now?: () => number;
  /** How far back the first fetch looks. */
  readonly lookbackMs?: number;
  /** A connection open this long counts as stable: the backoff starts again at 1 s. */
  readonly stableMs?: number;
}

export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 30_000;
/** The catch-up asks from a little before the newest alert raised: alerts raised meanwhile may commit later. */
export const CATCH_UP_MARGIN_MS = 60_000;
/** The close code of a socket whose token has expired or whose account was logged out or disabled. */
export const POLICY_VIOLATION = 1008;

/** The wait before reconnect attempt `n` (0-based): 1 s, 2 s, 4 s, ... 30 s. */
export function backoff(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 15));
}

function isAlert(value: unknown): value is Alert {
  const a = value as Alert | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.alertId === 'string' &&
    typeof a.childId === 'string' &&
    typeof a.at === 'string'
  );
}

export class AlertsClient {
  private readonly seen = new Set<string>();
  /** Per child, the newest `raisedAt` seen (epoch ms), for the next fetch's `from` (which bounds `raisedAt`). */
  private readonly lastSeen = new Map<string, number>();
  private readonly startedAt: number;
  private socket: SocketLike | null = null;
  private retryTimer: unknown = null;
  private stableTimer: unknown = null;
  private attempt = 0;
  private connects = 0;
  private stopped = true;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly factory: SocketFactory;

  constructor(private readonly options: AlertsOptions) {
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.now = options.now ?? (() => Date.now());
    this.factory = options.socket ?? ((url, protocols) => new WebSocket(url, protocols));
    this.startedAt = this.now();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clear(this.retryTimer);
    this.clear(this.stableTimer);
    this.retryTimer = this.stableTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = s.onerror = s.onmessage = s.onopen = null;
      s.close(1000, 'logged out');
    }
  }

  /** The `from` of the next fetch for a child: a margin before its newest alert raised, or the look-back before the start. */
  fromFor(childId: string): string {
    const last = this.lastSeen.get(childId);
    return new Date(
      last === undefined ? this.startedAt - (this.options.lookbackMs ?? 86_400_000) : last - CATCH_UP_MARGIN_MS,
    ).toISOString();
  }

  /** The session is over: stop for good and tell the app. */
  private sessionEnded(): void {
    if (this.stopped) return;
    this.stop();
    this.options.onSessionEnded?.();
  }

  private clear(handle: unknown): void {
    if (handle !== null) this.timers.clearTimeout(handle);
  }

  private connect(): void {
    const token = this.options.token();
    if (this.stopped || token === null) return;
    if (this.options.expired?.()) {
      this.sessionEnded();
      return;
    }
    this.options.onState?.('connecting');
    let socket: SocketLike;
    try {
      socket = this.factory(this.options.url, ['bearer', token]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.options.onState?.('open');
      this.stableTimer = this.timers.setTimeout(() => {
        this.stableTimer = null;
        this.attempt = 0;
      }, this.options.stableMs ?? 10_000);
      const source: AlertSource = this.connects === 0 ? 'initial' : 'catch-up';
      this.connects++;
      void this.catchUp(source);
    };
    socket.onmessage = (ev: MessageEvent) => {
      if (this.socket !== socket) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      this.deliver([parsed], 'live');
    };
    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clear(this.stableTimer);
      this.stableTimer = null;
      if (ev?.code === POLICY_VIOLATION || this.options.expired?.()) this.sessionEnded();
      else this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event follows an error; the reconnect is scheduled there.
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoff(this.attempt);
    this.attempt++;
    this.options.onState?.('waiting', delay);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  /** Each child's alerts since the newest one seen (what the socket could not push while it was down). */
  private async catchUp(source: AlertSource): Promise<void> {
    let childIds: readonly string[];
    try {
      childIds = await this.options.childIds();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.sessionEnded();
      return;
    }
    if (this.stopped) return;
    await Promise.all(
      childIds.map(async (childId) => {
        const from = this.fromFor(childId);
        try {
          const page = await this.options.get<AlertsPage>(
            `/children/${encodeURIComponent(childId)}/alerts?from=${encodeURIComponent(from)}`,
          );
          this.deliver([...(page?.items ?? [])], source);
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) this.sessionEnded();
          // No connection or no answer: the next reconnect asks again from the same `from`.
        }
      }),
    );
  }

  private deliver(values: unknown[], source: AlertSource): void {
    if (this.stopped) return;
    const fresh: Alert[] = [];
    for (const v of values) {
      if (!isAlert(v) || this.seen.has(v.alertId)) continue;
      this.seen.add(v.alertId);
      const raised = Date.parse(v.raisedAt ?? v.at);
      const last = this.lastSeen.get(v.childId);
      if (Number.isFinite(raised) && (last === undefined || raised > last)) this.lastSeen.set(v.childId, raised);
      fresh.push(v);
    }
    if (fresh.length > 0) this.options.onAlerts(fresh, source);
  }
}

/** ws(s)://host/ws/alerts for the page's origin. */
export function alertsUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws/alerts`;
}
