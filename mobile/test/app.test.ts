// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocketLike } from '../src/parents/alerts';
import { startApp } from '../src/parents/app';
import { AnswerCache } from '../src/parents/offline';
import { FeedbackOutbox } from '../src/parents/outbox';
import { Session } from '../src/parents/session';

type Handler = (init: RequestInit | undefined) => { status: number; body?: unknown };

class FakeSocket implements SocketLike {
  static last: FakeSocket | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  static count = 0;
  constructor(readonly protocols: string[]) {
    FakeSocket.last = this;
    FakeSocket.count++;
  }
  close(): void {}
}

const ENDED = 'Your session has ended. Please log in again.';

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
  let calls: Array<{ method: string; path: string; body: unknown; auth: string | null; query: string }>;
  let app: { stop(): void };
  let factory: IDBFactory;
  let offline: Set<string>;
  let fetcher: (input: string, init?: RequestInit) => Promise<Response>;

  /** The app as the phone opens it: a fresh page on the same IndexedDB. */
  function open(): { stop(): void } {
    return startApp(document.getElementById('app')!, {
      fetcher,
      socket: (_url, protocols) => new FakeSocket(protocols),
      cache: new AnswerCache(factory),
      outbox: new FeedbackOutbox(factory),
      session: new Session(sessionStorage),
    });
  }

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    location.hash = '';
    document.body.innerHTML = '<div id="app"></div>';
    calls = [];
    offline = new Set();
    factory = new IDBFactory();
    FakeSocket.last = null;
    FakeSocket.count = 0;
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
    fetcher = async (input: string, init?: RequestInit) => {
      const path = input.split('?')[0]!;
      const method = init?.method ?? 'GET';
      const headers = (init?.headers ?? {}) as Record<string, string>;
      calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined, auth: headers.Authorization ?? null, query: input.split('?')[1] ?? '' });
      if (offline.has(`${method} ${path}`)) throw new TypeError('Failed to fetch');
      const handler = routes.get(`${method} ${path}`);
      const answer = handler ? handler(init) : { status: 404, body: { status: 404, title: 'Not Found' } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    };
    app = open();
  });

  afterEach(() => app.stop());

  async function logIn(password: string, username = 'parent'): Promise<void> {
    await until(() => $('login-username'), 'the log-in form');
    ($('login-username') as HTMLInputElement).value = username;
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

  const MILA_ALERT = {
    alertId: 'a1',
    childId: 'c1',
    kind: 'missed_wear',
    severity: 'low',
    at: '2026-03-20T09:00:00Z',
    raisedAt: '2026-03-20T09:30:00Z',
    detail: 'Not worn since 06:00',
  };

  async function untilAsync(probe: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (await probe()) return;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it("does not show parent A's saved children or alerts to parent B on the same phone", async () => {
    await logIn('right', 'parent-a');
    await until(() => $('child-link'), "A's child list");
    const socket = await until(() => FakeSocket.last, 'the socket');
    socket.onopen?.({} as Event);
    socket.onmessage?.({ data: JSON.stringify(MILA_ALERT) } as MessageEvent);
    const reader = new AnswerCache(factory);
    await reader.useAccount('parent-a');
    await untilAsync(async () => (await reader.get('alerts')) !== undefined, "A's alerts saved");
    await untilAsync(async () => (await reader.get('children')) !== undefined, "A's children saved");

    // A closes the tab without logging out; B opens the app on the same phone, with a poor connection.
    app.stop();
    sessionStorage.clear();
    location.hash = '';
    app = open();
    offline.add('GET /api/v1/children');
    offline.add('GET /api/v1/children/c1/alerts');
    await logIn('right', 'parent-b');
    await until(() => $('offline-banner'), "B's children screen, offline");
    expect($('child-link')).toBeNull();
    expect(document.body.textContent).not.toContain('Mila');

    location.hash = '#/alerts';
    await until(() => document.querySelector('h1')?.textContent === 'Alerts', 'the alerts screen');
    await new Promise((r) => setTimeout(r, 50));
    expect($('alert-item')).toBeNull();
    expect(document.body.textContent).not.toContain('Not worn since 06:00');
  });

  it('forgets the saved answers when the session ends on a 401', async () => {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    const reader = new AnswerCache(factory);
    await reader.useAccount('parent');
    await untilAsync(async () => (await reader.get('children')) !== undefined, 'the children saved');

    routes.set('GET /api/v1/children/c1', () => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    location.hash = '#/child/c1';
    await until(() => !$('login-error')?.hidden && $('login-error'), 'the log-in form again');

    // Offline now, the next log-in on this phone finds no child list left behind.
    offline.add('GET /api/v1/children');
    await logIn('right');
    await until(() => $('offline-banner'), 'the children screen, offline');
    expect($('child-link')).toBeNull();
  });

  it('ends the session when the alerts socket is closed for an expired token (1008), and stops reconnecting', async () => {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    const socket = await until(() => FakeSocket.last, 'the socket');
    socket.onopen?.({} as Event);
    socket.onclose?.({ code: 1008 } as CloseEvent);
    const error = await until(() => !$('login-error')?.hidden && $('login-error'), 'the log-in form again');
    expect(error.textContent).toBe(ENDED);
    expect(sessionStorage.getItem('zenmoon.token')).toBeNull();
    const sockets = FakeSocket.count;
    await new Promise((r) => setTimeout(r, 1_300));
    expect(FakeSocket.count).toBe(sockets);
  });

  it('ends the session when the token expires (expiresIn)', async () => {
    routes.set('POST /api/v1/auth/token', () => ({
      status: 200,
      body: { accessToken: 'TOKEN-2', expiresIn: 0.4, roles: ['GUARDIAN'] },
    }));
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    expect(sessionStorage.getItem('zenmoon.token')).toBe('TOKEN-2');
    const error = await until(() => !$('login-error')?.hidden && $('login-error'), 'the log-in form after the expiry');
    expect(error.textContent).toBe(ENDED);
    expect(sessionStorage.getItem('zenmoon.token')).toBeNull();
  });

  it('keeps the focus where it is on the alerts screen when an alert arrives or the connection changes', async () => {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    const socket = await until(() => FakeSocket.last, 'the socket');
    socket.onopen?.({} as Event);
    location.hash = '#/alerts';
    await until(() => document.querySelector('main h1')?.textContent === 'Alerts', 'the alerts screen');
    const h1 = document.querySelector<HTMLElement>('main h1')!;
    await until(() => document.activeElement === h1, 'the focus on the heading');

    // On the heading: an alert arrives, the heading stays (the same element) and keeps the focus.
    socket.onmessage?.({ data: JSON.stringify(MILA_ALERT) } as MessageEvent);
    await until(() => $('alert-item'), 'the alert');
    expect(document.activeElement).toBe(h1);
    expect(document.querySelector('main h1')).toBe(h1);

    // Elsewhere (the navigation): neither an alert nor the connection going down pulls it back to the heading.
    const nav = document.querySelector<HTMLElement>('a[data-nav="alerts"]')!;
    nav.focus();
    socket.onmessage?.({ data: JSON.stringify({ ...MILA_ALERT, alertId: 'a2', detail: 'Second one' }) } as MessageEvent);
    await until(() => document.querySelectorAll('[data-testid="alert-item"]').length === 2, 'the second alert');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).toBe(nav);
    const announcer = document.querySelector('[role="alert"].announcer')!;
    expect(announcer.textContent).toMatch(/^New alert for Mila: The wearable was not worn, at \d\d:\d\d\.$/);

    socket.onclose?.({ code: 1006 } as CloseEvent);
    await until(() => document.body.textContent?.includes('Not connected: reconnecting…'), 'the reconnecting note');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).toBe(nav);

    // A new route still moves the focus to its heading.
    location.hash = '#/';
    await until(() => document.querySelector('main h1')?.textContent === 'Your children', 'the children screen');
    expect(document.activeElement).toBe(document.querySelector('main h1'));
  });

  it('loads the children before the catch-up when their list failed at log-in', async () => {
    offline.add('GET /api/v1/children');
    routes.set('GET /api/v1/children/c1/alerts', () => ({ status: 200, body: { items: [MILA_ALERT] } }));
    await logIn('right');
    await until(() => $('offline-banner'), 'the children screen, offline');
    const socket = await until(() => FakeSocket.last, 'the socket');

    offline.delete('GET /api/v1/children');
    socket.onopen?.({} as Event);
    await until(() => !$('alerts-badge')!.hidden, 'the badge');
    expect($('alerts-badge')!.textContent).toBe('1 new alert');
    const ask = calls.find((c) => c.path === '/api/v1/children/c1/alerts');
    expect(ask?.query).toMatch(/^from=/);
  });
  const FEEDBACK = 'POST /api/v1/recommendations/r1/feedback';
  const feedbackPosts = () => calls.filter((c) => `${c.method} ${c.path}` === FEEDBACK);

  async function answerOffline(): Promise<void> {
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    location.hash = '#/child/c1/recommendation';
    await until(() => $('rec-text'), 'the recommendation');
    offline.add(FEEDBACK);
    ($('rec-comment') as HTMLTextAreaElement).value = 'She liked it';
    $('rec-helpful')!.click();
    await until(() => !$('rec-confirmation')!.hidden, 'the card saying the answer is kept');
  }

  it('keeps an answer given offline, says so on the card, and sends it when the phone is back online', async () => {
    await answerOffline();
    const note = $('rec-confirmation')!;
    expect(note.getAttribute('role')).toBe('status');
    expect(note.textContent).toBe(
      'Saved on this phone: your answer (helpful, with your comment) will be sent to ZenMoon when the phone is back online.',
    );
    expect($('rec-error')!.hidden).toBe(true);
    expect($('rec-helpful')!.getAttribute('aria-pressed')).toBe('true');

    offline.delete(FEEDBACK);
    window.dispatchEvent(new Event('online'));
    const told = await until(() => $('outbox-status')?.textContent || null, 'the answer sent');
    expect(told).toBe('Your answer saved on this phone (helpful) has been sent to ZenMoon.');
    expect($('outbox-status')!.getAttribute('role')).toBe('status');
    const sent = feedbackPosts().at(-1)!;
    expect(sent.body).toEqual({ helpful: true, comment: 'She liked it' });
    expect(sent.auth).toBe('Bearer TOKEN-1');
  });

  it('sends a kept answer when the app starts again, and shows it on the card until then', async () => {
    await answerOffline();
    // The phone reloads the app, still offline: the card shows the answer waiting.
    app.stop();
    document.body.innerHTML = '<div id="app"></div>';
    app = open();
    await until(() => $('rec-text'), 'the recommendation after the reload');
    await until(() => !$('rec-confirmation')!.hidden, 'the waiting answer on the card');
    expect($('rec-confirmation')!.textContent).toContain('will be sent to ZenMoon when the phone is back online');
    expect(($('rec-comment') as HTMLTextAreaElement).value).toBe('She liked it');
    expect($('rec-helpful')!.getAttribute('aria-pressed')).toBe('true');

    // Opened again with a connection: it goes at the start, once.
    offline.delete(FEEDBACK);
    app.stop();
    document.body.innerHTML = '<div id="app"></div>';
    const before = feedbackPosts().length;
    app = open();
    await until(() => $('outbox-status')?.textContent, 'the answer sent at the start');
    expect(feedbackPosts().length).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(feedbackPosts().length).toBe(before + 1);
  });

  it('drops an answer whose suggestion is gone (404) and says so', async () => {
    await answerOffline();
    offline.delete(FEEDBACK);
    routes.set(FEEDBACK, () => ({ status: 404, body: { status: 404, title: 'Not Found' } }));
    window.dispatchEvent(new Event('online'));
    const told = await until(() => $('outbox-status')?.textContent || null, 'the answer dropped');
    expect(told).toBe(
      'Your answer saved on this phone (helpful) could not be sent: ZenMoon no longer has that suggestion (HTTP 404). It was removed.',
    );
    // Not sent again at the next start.
    const before = feedbackPosts().length;
    app.stop();
    document.body.innerHTML = '<div id="app"></div>';
    app = open();
    await until(() => $('child-link') || $('rec-text'), 'the app again');
    await new Promise((r) => setTimeout(r, 30));
    expect(feedbackPosts().length).toBe(before);
  });

  it('keeps an answer through a 401 and sends it with the new token after the next log-in', async () => {
    await answerOffline();
    offline.delete(FEEDBACK);
    routes.set(FEEDBACK, () => ({ status: 401, body: { status: 401, title: 'Unauthorized' } }));
    window.dispatchEvent(new Event('online'));
    const error = await until(() => !$('login-error')?.hidden && $('login-error'), 'the log-in form again');
    expect(error.textContent).toBe(ENDED);

    routes.set(FEEDBACK, () => ({ status: 201, body: {} }));
    routes.set('POST /api/v1/auth/token', () => ({ status: 200, body: { accessToken: 'TOKEN-NEW', expiresIn: 3600 } }));
    await logIn('right');
    await until(() => $('outbox-status')?.textContent, 'the answer sent after the log-in');
    expect(feedbackPosts().at(-1)?.auth).toBe('Bearer TOKEN-NEW');
    expect(feedbackPosts().at(-1)?.body).toEqual({ helpful: true, comment: 'She liked it' });
  });

  it("deletes parent A's waiting answer when parent B logs in on the phone: never sent with B's token, nor later", async () => {
    await answerOffline();
    ($('logout') as HTMLButtonElement).click();
    await until(() => $('login-username'), 'the log-in form');
    // Until someone else logs in, A's answer waits for A.
    expect((await new FeedbackOutbox(factory).pending('parent')).map((a) => a.comment)).toEqual(['She liked it']);
    offline.delete(FEEDBACK);
    const before = feedbackPosts().length;
    await logIn('right', 'parent-b');
    await until(() => $('child-link'), "B's child list");
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 50));
    expect(feedbackPosts().length).toBe(before);
    // A's comment is no longer on the phone.
    expect(await new FeedbackOutbox(factory).pending('parent')).toEqual([]);

    ($('logout') as HTMLButtonElement).click();
    await until(() => $('login-username'), 'the log-in form');
    await logIn('right', 'parent');
    await until(() => $('child-link'), "A's child list");
    await new Promise((r) => setTimeout(r, 50));
    expect(feedbackPosts().length).toBe(before);
  });

  it('gives up an answer that waited on the phone over 7 days and says so in the polite live region', async () => {
    await new FeedbackOutbox(factory, () => Date.now() - 8 * 24 * 3600 * 1000).put('parent', 'r1', false, 'Too late now');
    await logIn('right');
    const told = await until(() => $('outbox-status')?.textContent || null, 'the answer given up');
    expect(told).toBe('Your answer saved on this phone (not helpful) could not be sent: it waited over 7 days. It was removed.');
    expect($('outbox-status')!.getAttribute('aria-live')).toBe('polite');
    expect(feedbackPosts()).toEqual([]);
    expect(await new FeedbackOutbox(factory).pending('parent')).toEqual([]);
  });

  it('keeps the badge across a reload: alerts seen on the alerts screen stay seen, the others stay new', async () => {
    const seenOne = { ...MILA_ALERT, alertId: 'a1' };
    const newOne = { ...MILA_ALERT, alertId: 'a2', at: '2026-03-20T10:00:00Z', detail: 'Second one' };
    await logIn('right');
    await until(() => $('child-link'), 'the child list');
    let socket = await until(() => FakeSocket.last, 'the socket');
    socket.onopen?.({} as Event);
    socket.onmessage?.({ data: JSON.stringify(seenOne) } as MessageEvent);
    location.hash = '#/alerts';
    await until(() => $('alert-item'), 'the alert listed');
    expect($('alerts-badge')!.hidden).toBe(true);
    location.hash = '#/';
    await until(() => document.querySelector('main h1')?.textContent === 'Your children', 'the children screen');
    socket.onmessage?.({ data: JSON.stringify(newOne) } as MessageEvent);
    expect($('alerts-badge')!.textContent).toBe('1 new alert');

    // The page is reloaded: the catch-up brings both alerts again; only the one not seen counts.
    routes.set('GET /api/v1/children/c1/alerts', () => ({ status: 200, body: { items: [newOne, seenOne] } }));
    app.stop();
    document.body.innerHTML = '<div id="app"></div>';
    FakeSocket.last = null;
    app = open();
    socket = await until(() => FakeSocket.last, 'the socket after the reload');
    socket.onopen?.({} as Event);
    await until(() => !$('alerts-badge')!.hidden, 'the badge after the reload');
    await new Promise((r) => setTimeout(r, 30));
    expect($('alerts-badge')!.textContent).toBe('1 new alert');
    // Listed once each, although the saved copy and the catch-up both bring them.
    location.hash = '#/alerts';
    await until(() => $('alert-item'), 'the alerts after the reload');
    expect([...document.querySelectorAll<HTMLElement>('[data-testid="alert-item"]')].map((e) => e.dataset.alertId)).toEqual(['a2', 'a1']);
    expect($('alerts-badge')!.hidden).toBe(true);

    // Another parent on this phone has seen none of them.
    ($('logout') as HTMLButtonElement).click();
    await logIn('right', 'parent-b');
    socket = await until(() => FakeSocket.last !== socket && FakeSocket.last, "B's socket");
    socket.onopen?.({} as Event);
    await until(() => $('alerts-badge')!.textContent === '2 new alerts', "B's badge");
  });
});
