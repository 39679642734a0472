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
  let devices: { deviceId: string; childId: string; label: string; createdAt: string; revokedAt: string | null }[];
  let deletes: { path: string; auth: string | null }[];
  let pairGate: Promise<void> | null;
  let unpairFails: boolean;
  let factory: IDBFactory;
  let app: { stop(): void };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    location.hash = '';
    document.body.innerHTML = '<div id="app"></div>';
    roles = ['GUARDIAN'];
    pairs = [];
    deletes = [];
    pairGate = null;
    unpairFails = false;
    devices = [
      { deviceId: 'dev-1', childId: 'c1', label: 'Old tablet', createdAt: '2026-11-01T18:00:00Z', revokedAt: null },
      { deviceId: 'dev-0', childId: 'c1', label: 'Broken phone', createdAt: '2026-10-01T18:00:00Z', revokedAt: '2026-10-20T18:00:00Z' },
    ];
    factory = new IDBFactory();
    const child = { childId: 'c1', pseudonym: 'Mila', chronotype: 'night_owl' };
    const unpair = (deviceId: string) => () => {
      if (unpairFails) return { status: 503, body: { status: 503, title: 'Service Unavailable', detail: 'Busy, try again.' } };
      for (const d of devices) if (d.deviceId === deviceId && d.revokedAt === null) d.revokedAt = '2026-12-03T12:00:00Z';
      return { status: 204 };
    };
    const routes: Record<string, (body: unknown) => { status: number; body?: unknown }> = {
      'POST /api/v1/auth/token': () => ({ status: 200, body: { accessToken: 'TOKEN-1', expiresIn: 3600, roles } }),
      'GET /api/v1/children': () => ({ status: 200, body: [child] }),
      'GET /api/v1/children/c1': () => ({ status: 200, body: child }),
      'GET /api/v1/children/c1/chronotype': () => ({ status: 200, body: { status: 'ok', category: 'night_owl' } }),
      'GET /api/v1/children/c1/sleep-episodes': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'GET /api/v1/children/c1/epochs': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'GET /api/v1/children/c1/alerts': () => ({ status: 200, body: { items: [] } }),
      'GET /api/v1/children/c1/devices': () => ({ status: 200, body: devices.map((d) => ({ ...d })) }),
      'POST /api/v1/devices/pair': (body) => {
        pairs.push(body);
        devices.push({ deviceId: 'dev-9', childId: 'c1', label: (body as { label: string }).label, createdAt: '2026-12-03T16:00:00Z', revokedAt: null });
        return { status: 201, body: { deviceId: 'dev-9', deviceToken: TOKEN, pairingUri: URI } };
      },
      'DELETE /api/v1/devices/dev-1': unpair('dev-1'),
      'DELETE /api/v1/devices/dev-9': unpair('dev-9'),
    };
    const fetcher = async (input: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${input.split('?')[0]}`;
      if (init?.method === 'DELETE') deletes.push({ path: input, auth: new Headers(init.headers).get('Authorization') });
      if (key === 'POST /api/v1/devices/pair' && pairGate) await pairGate;
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
    expect($('pair-again')!.textContent).toContain('If this code goes to another phone, unpair the old one below');
    expect($('pair-clipboard')!.textContent).toContain('treat it like a password');

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

  async function openPairing(): Promise<void> {
    await logIn();
    location.hash = '#/child/c1/pair';
    await until(() => $('pair-make'), 'the pairing screen');
  }

  it('still shows the link to copy, without the picture, when the QR code’s module cannot load', async () => {
    vi.doMock('../src/parents/qr', () => {
      throw new Error('Failed to fetch dynamically imported module: /app/assets/qr-OLD.js');
    });
    try {
      await openPairing();
      ($('pair-make') as HTMLButtonElement).click();
      const link = await until(() => $('pair-link'), 'the link');
      expect(link.textContent).toBe(URI);
      expect(pairs).toHaveLength(1);
      expect($('pair-qr')).toBeNull();
      expect($('pair-qr-missing')!.textContent).toContain('could not be drawn');
      expect($('pair-confirmation')!.textContent).toContain('A wearable is paired for Mila');
      expect($('pair-error')!.hidden).toBe(true);
      ($('pair-copy') as HTMLButtonElement).click();
      await until(() => $('pair-copied')!.textContent !== '', 'the copy');
      expect(await navigator.clipboard.readText()).toBe(URI);
      expect(deletes).toEqual([]);
    } finally {
      vi.doUnmock('../src/parents/qr');
    }
  });

  it('unpairs at once a device whose pairing answer came after the parent left the screen', async () => {
    let answer!: () => void;
    pairGate = new Promise((r) => (answer = r));
    await openPairing();
    ($('pair-make') as HTMLButtonElement).click();
    await until(() => ($('pair-make') as HTMLButtonElement).disabled, 'the request sent');
    location.hash = '#/child/c1';
    await until(() => $('summary-sleep'), 'the summary');
    answer();
    await until(() => deletes.length > 0, 'the unpairing');
    expect(deletes).toEqual([{ path: '/api/v1/devices/dev-9', auth: 'Bearer TOKEN-1' }]);
    expect(devices.find((d) => d.deviceId === 'dev-9')!.revokedAt).not.toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
  });

  it('lists the child’s phones, and Unpair ends an active one and updates the list', async () => {
    await openPairing();
    const rows = await until(() => (document.querySelectorAll('[data-testid="pair-device"]').length === 2 ? document.querySelectorAll<HTMLElement>('[data-testid="pair-device"]') : null), 'the phones');
    expect(rows[0]!.textContent).toContain('Old tablet');
    expect(rows[1]!.textContent).toContain('Broken phone');
    expect(rows[1]!.textContent).toContain('unpaired');
    const buttons = document.querySelectorAll<HTMLButtonElement>('[data-testid="pair-unpair"]');
    expect(buttons).toHaveLength(1); // only the active phone
    expect(buttons[0]!.getAttribute('aria-label')).toBe('Unpair “Old tablet”');
    expect(pairs).toEqual([]);

    // Asked once more: keeping it sends nothing and brings the button back.
    buttons[0]!.click();
    expect($('pair-unpair-ask')!.textContent).toContain('Unpair “Old tablet”? Its phone stops uploading at once');
    expect(document.activeElement).toBe($('pair-unpair-confirm'));
    const why = document.getElementById($('pair-unpair-confirm')!.getAttribute('aria-describedby')!);
    expect(why!.textContent).toContain('needs a new code to pair again');
    ($('pair-unpair-keep') as HTMLButtonElement).click();
    expect($('pair-unpair-ask')).toBeNull();
    expect(deletes).toEqual([]);
    const again = document.querySelector<HTMLButtonElement>('[data-device="dev-1"] [data-testid="pair-unpair"]')!;
    expect(document.activeElement).toBe(again);

    again.click();
    ($('pair-unpair-confirm') as HTMLButtonElement).click();
    await until(() => $('pair-devices-note')!.textContent!.includes('is unpaired'), 'the unpairing');
    expect(deletes).toEqual([{ path: '/api/v1/devices/dev-1', auth: 'Bearer TOKEN-1' }]);
    expect(document.querySelectorAll('[data-testid="pair-unpair"]')).toHaveLength(0);
    expect(document.querySelector('[data-device="dev-1"]')!.textContent).toContain('unpaired');

    // A new pairing shows up in the list, with its own Unpair.
    ($('pair-make') as HTMLButtonElement).click();
    await until(() => document.querySelector('[data-device="dev-9"] [data-testid="pair-unpair"]'), 'the new phone listed');
    expect(document.querySelector('[data-device="dev-9"]')!.textContent).toContain('Phone of the wearable');
  });

  it('keeps the phone paired when unpairing fails, says so, and gives the button and focus back', async () => {
    unpairFails = true;
    await openPairing();
    const button = await until(() => document.querySelector<HTMLButtonElement>('[data-device="dev-1"] [data-testid="pair-unpair"]'), 'the phone');
    button.click();
    ($('pair-unpair-confirm') as HTMLButtonElement).click();
    await until(() => $('pair-devices-note')!.textContent!.includes('could not be unpaired'), 'the failure');
    expect($('pair-unpair-ask')).toBeNull();
    const back = document.querySelector<HTMLButtonElement>('[data-device="dev-1"] [data-testid="pair-unpair"]')!;
    expect(back.disabled).toBe(false);
    expect(document.activeElement).toBe(back);
    expect(devices.find((d) => d.deviceId === 'dev-1')!.revokedAt).toBeNull();
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
