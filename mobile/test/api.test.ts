import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, parseRetryAfter } from '../src/shared/api';

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('ApiClient', () => {
  it('turns a problem document with Retry-After into an ApiError', async () => {
    const client = new ApiClient(
      () => 'T',
      async () =>
        new Response(JSON.stringify({ title: 'Busy', detail: 'Too many uploads', status: 503 }), {
          status: 503,
          headers: { 'Retry-After': '12', 'Content-Type': 'application/problem+json' },
        }),
    );
    const error = await client.get('/children').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).retryAfterSeconds).toBe(12);
    expect((error as ApiError).message).toBe('Too many uploads');
  });

  it('reports a failed connection as status 0', async () => {
    const client = new ApiClient(() => null, async () => Promise.reject(new TypeError('Failed to fetch')));
    const error = (await client.get('/children').catch((e: unknown) => e)) as ApiError;
    expect(error.offline).toBe(true);
  });

  it('sends the bearer token, or the one given for the call', async () => {
    const seen: string[] = [];
    const client = new ApiClient(
      () => 'session',
      async (_url, init) => {
        seen.push(String((init?.headers as Record<string, string>).Authorization));
        return new Response('{}', { status: 200 });
      },
    );
    await client.get('/children');
    await client.post('/ingest/batches', {}, 'device');
    expect(seen).toEqual(['Bearer session', 'Bearer device']);
  });
});
