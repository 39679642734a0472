/**
 * The one way the app talks to ZenMoon's REST API (../shared/API.md), for the parents' screens and the companion.
 * It sends the bearer token it is given, parses JSON answers, and turns every failure into an {@link ApiError}
 * that carries what the callers' rules need: the status, the problem document and `Retry-After`.
 */
export const API_BASE = '/api/v1';

export interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly status?: number;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when no answer came (offline, connection reset, timeout). */
    readonly status: number,
    message: string,
    readonly problem: Problem | null = null,
    /** Seconds from a `Retry-After` header, or null. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export class ApiClient {
  constructor(
    private readonly token: () => string | null,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
    private readonly base: string = API_BASE,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown, token?: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('POST', path, body, token, signal);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /**
   * `token` overrides the session's token (the companion uploads with the device token); `signal` aborts the request
   * (the companion gives up on an upload without an answer, and must not leave it in flight beside its retry).
   */
  async request<T>(method: string, path: string, body?: unknown, token?: string, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const bearer = token ?? this.token();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      throw new ApiError(0, 'No connection to ZenMoon', null, null);
    }
    if (!response.ok) {
      let problem: Problem | null = null;
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = null;
      }
      throw new ApiError(
        response.status,
        problem?.detail ?? problem?.title ?? `HTTP ${response.status}`,
        problem,
        parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
      );
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text.length === 0 ? undefined : JSON.parse(text)) as T;
  }
}

/** `Retry-After` as seconds from now: either delta-seconds or an HTTP date (RFC 9110, 10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
