// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocketLike } from '../src/parents/alerts';
import { startApp } from '../src/parents/app';
import { AnswerCache } from '../src/parents/offline';
import { Session } from '../src/parents/session';

type Handler = (init: RequestInit | undefined) => { status: number; body?: unknown };

class FakeSocket implements SocketLike {
  static last: FakeSocket | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  constructor(readonly protocols: string[]) {
    FakeSocket.last = this;
  }
  close(): void {}
}

async function until<T>(probe: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const $ = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the parents app', () => {
  let routes: Map<string, Handler>;
  let calls: Array<{ method: string; path: string; body: unknown; auth: string | null }>;
  let app: { stop(): void };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    location.hash = '';
    document.body.innerHTML = '<div id="app"></div>';
    calls = [];
    FakeSocket.last = null;
    routes = new Map<string, Handler>([
      [
        'POST /api/v1/auth/token',
        (init) => {
          const body = JSON.parse(String(init?.body)) as { password: string };
          return body.password === 'right'
            ? { status: 200, body: { accessToken: 'TOKEN-1', expiresIn: 3600, roles: ['GUARDIAN'] } }
            : { status: 401, body: { status: 401, title: 'Unauthorized', detail: 'Wrong user name or password.' } };
        },
      ],
      ['GET /api/v1/children', () => ({ status: 200, body: [{ childId: 'c1', pseudonym: 'Mila', chronotype: 'night_owl' }] })],
      ['GET /api/v1/children/c1', () => ({ status: 200, body: { childId: 'c1', pseudonym: 'Mila', chronotype: 'night_owl' } })],
      ['GET /api/v1/children/c1/chronotype', () => ({ status: 200, body: { status: 'ok', category: 'night_owl' } })],
      ['GET /api/v1/children/c1/sleep-episodes', () => ({ status: 200, body: { items: [], nextCursor: null } })],
      ['GET /api/v1/children/c1/epochs', () => ({ status: 200, body: { items: [], nextCursor: null } })],
      ['GET /api/v1/children/c1/forecast', () => ({ status: 200, body: { metric: 'stress', status: 'not_computed' } })],
      ['GET /api/v1/children/c1/alerts', () => ({ status: 200, body: { items: [] } })],
      [
        'GET /api/v1/children/c1/recommendations/next',
        () => ({
          status: 200,
          body: {
            recommendationId: 'r1',
            intervention: 'box_breathing',
            text: 'Try 4 minutes of box breathing together at 18:30.',
            scheduledFor: '2026-03-20T18:30:00Z',
            why: ['Stress was high on the last two evenings.'],
            helpful: null,
          },
        }),
      ],
      ['GET /api/v1/children/c1/recommendations', () => ({ status: 200, body: [] })],
      ['POST /api/v1/recommendations/r1/feedback', () => ({ status: 201, body: { helpful: true } })],
    ]);
    const fetcher = async (input: string, init?: RequestInit) => {
      const path = input.split('?')[0]!;
      const method = init?.method ?? 'GET';
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: headers.Authorization ?? null });
      const handler = routes.get(`${method} ${path}`);
      const answer = handler ? handler(init) : { status: 404, body: { status: 404, title: 'Not Found' } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    };
    app = startApp(document.getElementById('app')!, {
      fetcher,
      socket: (_url, protocols) => new FakeSocket(protocols),
      cache: new AnswerCache(new IDBFactory()),
      session: new Session(sessionStorage),
    });
  });

  afterEach(() => app.stop());

  async function logIn(password: string): Promise<void> {
    await until(() => $('login-username'), 'the log-in form');
    ($('login-username') as HTMLInputElement).value = 'parent';
    ($('login-password') as HTMLInputElement).value = password;
    ($('login-submit') as HTMLButtonElement).click();
  }

  it('says so on a wrong password, and keeps the token in sessionStorage only', async () => {
    await logIn('wrong');
    const error = await until(() => !$('login-error')!.hidden && $('login-error'), 'the error');
    expect(error.textContent).toBe('Wrong user name or password.');
    expect(sessionStorage.getItem('zenmoon.token')).toBeNull();

    await logIn('right');
    const link = await until(() => $('child-link'), 'the child list');
    expect(link.dataset.childId).toBe('c1');
    expect(sessionStorage.getItem('zenmoon.token')).toBe('TOKEN-1');
    expect(localStorage.length).toBe(0);
    expect(document.cookie).toBe('');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect((await until(() => FakeSocket.last, 'the alerts socket')).protocols).toEqual(['bearer', 'TOKEN-1']);
  });

  it('shows the summary, "no forecast yet", and sends feedback with its confirmation', async () => {
    await logIn('right');
    (await until(() => $('child-link'), 'the child list')).click();
    await until(() => $('summary-chronotype'), 'the summary');
    expect($('summary-chronotype')!.textContent).toBe('A night owl: sleeps and wakes late.');
    expect($('summary-stress')!.textContent).toBe('Not enough data today yet (0 of 30 minutes needed).');
    expect($('avatar')!.getAttribute('aria-label')).toBe('A moon, neutral: night owl, no stress data today');
    expect(document.querySelectorAll('h1')).toHaveLength(1);

    location.hash = '#/child/c1/forecast';
    await until(() => $('forecast-empty'), 'the empty forecast');
    expect($('forecast-chart')).toBeNull();

    location.hash = '#/child/c1/recommendation';
    await until(() => $('rec-text'), 'the recommendation');
    expect($('rec-why')!.textContent).toBe('Stress was high on the last two evenings.');
    const helpful = $('rec-helpful')!;
    expect(helpful.getAttribute('aria-label')).toBe('Helpful');
    expect($('rec-not-helpful')!.getAttribute('aria-label')).toBe('Not helpful');
    expect(helpful.getAttribute('aria-pressed')).toBe('false');
    ($('rec-comment') as HTMLTextAreaElement).value = 'She liked it';
    helpful.click();
    await until(() => !$('rec-confirmation')!.hidden, 'the confirmation');
    expect(helpful.getAttribute('aria-pressed')).toBe('true');
    expect($('rec-not-helpful')!.getAttribute('aria-pressed')).toBe('false');
    const post = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/recommendations/r1/feedback');
    expect(post?.body).toEqual({ helpful: true, comment: 'She liked it' });
    expect(post?.auth).toBe('Bearer TOKEN-1');
  });

  it('announces a pushed alert, counts it on the badge, and lists it', async () => {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    const socket = await until(() => FakeSocket.last, 'the socket');
    socket.onopen?.({} as Event);
    socket.onmessage?.({
      data: JSON.stringify({ alertId: 'a1', childId: 'c1', kind: 'missed_wear', severity: 'low', at: '2026-03-20T09:00:00Z', detail: 'Not worn since 06:00' }),
    } as MessageEvent);
    const badge = $('alerts-badge')!;
    expect(badge.hidden).toBe(false);
    expect(badge.textContent).toBe('1 new alert');
    const announcer = document.querySelector('[role="alert"].announcer')!;
    expect(announcer.textContent).toMatch(/^New alert for Mila: The wearable was not worn, at \d\d:\d\d\.$/);

    location.hash = '#/alerts';
    const item = await until(() => $('alert-item'), 'the alert');
    expect(item.dataset.alertId).toBe('a1');
    expect(item.textContent).toContain('Not worn since 06:00');
    expect($('alerts-badge')!.hidden).toBe(true);
  });

  it('drops the token on a 401 and goes back to the log-in', async () => {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    routes.set('GET /api/v1/children/c1', () => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    location.hash = '#/child/c1';
    const error = await until(() => !$('login-error')?.hidden && $('login-error'), 'the log-in form again');
    expect(error.textContent).toBe('Your session has ended. Please log in again.');
    expect(sessionStorage.getItem('zenmoon.token')).toBeNull();
  });
});
