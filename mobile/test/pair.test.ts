// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketLike } from '../src/parents/alerts';
import { startApp } from '../src/parents/app';
import { AnswerCache } from '../src/parents/offline';
import { FeedbackOutbox } from '../src/parents/outbox';
import { Session } from '../src/parents/session';

class FakeSocket implements SocketLike {
  onopen: ((ev: Event) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
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

const SECRET = 'Q'.repeat(20) + 'x_-'.repeat(7) + 'ab'; // 43 characters
const TOKEN = `zmd.tenant-1.dev-9.${SECRET}`;
const URI = `zenmoon://pair?server=${encodeURIComponent('http://localhost:3000/api/v1/')}&token=${encodeURIComponent(TOKEN)}`;

/** The QR code as a raster of its modules (4 px each, the quiet zone white), decoded as a phone's camera would. */
function decode(svg: SVGSVGElement): string | null {
  const size = Number(svg.getAttribute('viewBox')!.split(' ')[2]);
  const scale = 4;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  const d = svg.querySelector('path')!.getAttribute('d')!;
  for (const m of d.matchAll(/M(\d+),(\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const i = ((y * scale + dy) * width + x * scale + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

/** Everything the app keeps in IndexedDB, as text. */
async function everythingStored(factory: IDBFactory): Promise<string> {
  const dump: unknown[] = [];
  for (const info of await factory.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(info.name!);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
      });
      dump.push(store, all);
    }
    db.close();
  }
  return JSON.stringify(dump);
}

describe('Pair a wearable in the parents’ app', () => {
  let roles: string[];
  let pairs: unknown[];
  let factory: IDBFactory;
  let app: { stop(): void };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    location.hash = '';
    document.body.innerHTML = '<div id="app"></div>';
    roles = ['GUARDIAN'];
    pairs = [];
    factory = new IDBFactory();
    const child = { childId: 'c1', pseudonym: 'Mila', chronotype: 'night_owl' };
    const routes: Record<string, (body: unknown) => { status: number; body?: unknown }> = {
      'POST /api/v1/auth/token': () => ({ status: 200, body: { accessToken: 'TOKEN-1', expiresIn: 3600, roles } }),
      'GET /api/v1/children': () => ({ status: 200, body: [child] }),
      'GET /api/v1/children/c1': () => ({ status: 200, body: child }),
      'GET /api/v1/children/c1/chronotype': () => ({ status: 200, body: { status: 'ok', category: 'night_owl' } }),
      'GET /api/v1/children/c1/sleep-episodes': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'GET /api/v1/children/c1/epochs': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'GET /api/v1/children/c1/alerts': () => ({ status: 200, body: { items: [] } }),
      'POST /api/v1/devices/pair': (body) => {
        pairs.push(body);
        return { status: 201, body: { deviceId: 'dev-9', deviceToken: TOKEN, pairingUri: URI } };
      },
    };
    const fetcher = async (input: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${input.split('?')[0]}`;
      const handler = routes[key];
      const answer = handler ? handler(init?.body ? JSON.parse(String(init.body)) : undefined) : { status: 404, body: { status: 404 } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status });
    };
    app = startApp(document.getElementById('app')!, {
      fetcher,
      socket: () => new FakeSocket(),
      cache: new AnswerCache(factory),
      outbox: new FeedbackOutbox(factory),
      session: new Session(sessionStorage),
    });
  });

  afterEach(() => {
    app.stop();
    vi.unstubAllGlobals();
  });

  async function logIn(): Promise<void> {
    await until(() => $('login-username'), 'the log-in form');
    ($('login-username') as HTMLInputElement).value = 'parent';
    ($('login-password') as HTMLInputElement).value = 'right';
    ($('login-submit') as HTMLButtonElement).click();
    await until(() => $('child-link'), 'the child list');
  }

  it('pairs on request, shows the link as a QR code that decodes to it and as text, and forgets it when left', async () => {
    await logIn();
    location.hash = '#/child/c1';
    const action = await until(() => $('pair-wearable') as HTMLAnchorElement | null, 'the action on the summary');
    expect(action.getAttribute('href')).toBe('#/child/c1/pair');

    location.hash = '#/child/c1/pair';
    await until(() => $('pair-make'), 'the pairing screen');
    expect(document.querySelector('h1')!.textContent).toBe('Pair a wearable for Mila');
    expect(pairs).toEqual([]); // opening the screen pairs nothing
    ($('pair-label') as HTMLInputElement).value = 'Mila’s old phone';
    ($('pair-make') as HTMLButtonElement).click();

    const svg = await until(() => document.querySelector<SVGSVGElement>('[data-testid="pair-qr"] svg'), 'the QR code');
    expect(pairs).toEqual([{ childId: 'c1', label: 'Mila’s old phone' }]);
    expect($('pair-link')!.textContent).toBe(URI);
    expect(decode(svg)).toBe(URI);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('QR code of the pairing link for Mila');
    expect($('pair-once')!.textContent).toContain('Shown once');
    expect($('pair-again')!.textContent).toContain('Pairing again revokes the old device');

    ($('pair-copy') as HTMLButtonElement).click();
    await until(() => $('pair-copied')!.textContent !== '', 'the copy');
    expect(await navigator.clipboard.readText()).toBe(URI);

    // Nowhere but on the screen: not in sessionStorage, localStorage or IndexedDB.
    const everywhere = JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + (await everythingStored(factory));
    expect(everywhere).toContain('TOKEN-1'); // the parent's session is there: the search looks in the right places
    expect(everywhere).not.toContain(SECRET);

    location.hash = '#/child/c1';
    await until(() => $('summary-sleep'), 'the summary');
    expect(document.body.innerHTML).not.toContain(SECRET);
    location.hash = '#/child/c1/pair';
    await until(() => $('pair-make'), 'the pairing screen again');
    expect($('pair-link')).toBeNull();
    expect(pairs).toHaveLength(1);
  });

  it('is for guardians only: staff get no action, and the screen says where they pair', async () => {
    roles = ['COUNSELLOR'];
    await logIn();
    location.hash = '#/child/c1';
    await until(() => $('summary-sleep'), 'the summary');
    expect($('pair-wearable')).toBeNull();
    location.hash = '#/child/c1/pair';
    const note = await until(() => $('pair-not-guardian'), 'the note');
    expect(note.textContent).toContain('Staff pair wearables in the portal');
    expect($('pair-make')).toBeNull();
    expect(pairs).toEqual([]);
  });

  it('opens the companion on the child’s phone without a parent logged in, with the link to paste', async () => {
    // The companion loads its recording at once; here, as offline (the page has no server behind it).
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    location.hash = '#/companion';
    await until(() => document.getElementById('companion-link-input'), 'the companion');
    expect(location.hash).toBe('#/companion');
    expect($('nav-login')!.hidden).toBe(false);
    expect((document.querySelector('nav[aria-label="Main"]') as HTMLElement).hidden).toBe(true);
    expect($('companion-pair-hint')!.textContent).toContain('No parent is logged in');
  });
});
