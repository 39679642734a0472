// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/shared/api';
import { mountCompanion } from '../src/companion/screen';
import { Queue } from '../src/companion/queue';
import { freshDbName } from './companion-helpers';

const recordingBytes = readFileSync('public/replay/golden_S01.json');
const fetchRecording = (async () => new Response(recordingBytes, { status: 200 })) as unknown as typeof fetch;

const BASE = 'https://zen.example/api/v1/';
const token = (device: string) => `zmd.tenant-1.${device}.${'s'.repeat(43)}`;
const link = (device: string, server = BASE) =>
  `zenmoon://pair?server=${encodeURIComponent(server)}&token=${encodeURIComponent(token(device))}`;

/**
 * A ZenMoon double with no parent's session on the phone: a device token learns its own pairing
 * (`GET /devices/me`), ends it (`DELETE /devices/me`), and uploads; every request is recorded with its token.
 */
function server() {
  const state = {
    online: true,
    devices: new Map<string, { deviceId: string; childId: string }>([
      [token('dev-A'), { deviceId: 'dev-A', childId: 'child-1' }],
      [token('dev-B'), { deviceId: 'dev-B', childId: 'child-2' }],
      [token('dev-C'), { deviceId: 'dev-C', childId: 'child-1' }],
    ]),
    requests: [] as string[],
    uploadsBy: [] as string[],
  };
  const api = new ApiClient(
    () => null,
    async (url, init) => {
      if (!state.online) throw new TypeError('Failed to fetch');
      const auth = (init?.headers as Record<string, string>).Authorization ?? '';
      const bearer = auth.replace(/^Bearer /, '');
      state.requests.push(`${init?.method} ${url} ${bearer === '' ? 'no token' : bearer.split('.')[2]}`);
      const device = state.devices.get(bearer);
      if (device === undefined) return new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), { status: 401 });
      if (url.endsWith('/devices/me') && init?.method === 'GET') {
        return new Response(JSON.stringify({ ...device, label: 'Phone', createdAt: '2026-12-02T07:00:00Z', revokedAt: null }), { status: 200 });
      }
      if (url.endsWith('/devices/me') && init?.method === 'DELETE') {
        state.devices.delete(bearer);
        return new Response(null, { status: 204 });
      }
      const body = JSON.parse(String(init?.body)) as { batchId: string; deviceId: string; epochs: unknown[] };
      if (body.deviceId !== device.deviceId) return new Response(JSON.stringify({ title: 'Forbidden' }), { status: 403 });
      state.uploadsBy.push(device.deviceId);
      return new Response(JSON.stringify({ batchId: body.batchId, accepted: body.epochs.length, duplicates: 0, clockSkewFlagged: false }), { status: 200 });
    },
  );
  return { api, state };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}: ${document.getElementById('companion-progress')?.textContent}`);
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
const button = (id: string) => document.getElementById(id) as HTMLButtonElement;
const input = () => document.getElementById('companion-link-input') as HTMLTextAreaElement;

let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

/** The companion as the child's phone opens it: nobody logged in, no children known. */
async function mountLoggedOut(api: ApiClient, dbName: string, online: (l: () => void) => () => void = () => () => undefined) {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  unmount = mountCompanion(root, {
    api,
    children: [],
    loggedIn: false,
    apiBase: BASE,
    dbName,
    fetchRecording,
    bluetooth: null,
    replayIntervalMs: 0,
    online,
  });
  await until(() => !button('companion-link-pair').disabled, 'the queue');
}

async function pairWith(text: string): Promise<void> {
  input().value = text;
  button('companion-link-pair').click();
  await until(() => !button('companion-link-pair').disabled && document.getElementById('companion-progress')!.textContent !== 'Checking the link with ZenMoon…', 'the pairing');
}

describe('pairing the companion with a link from the parents’ app', () => {
  it('stores the pairing the token names and uploads with the device token, no parent logged in', async () => {
    const { api, state } = server();
    const dbName = freshDbName('link');
    const online: Array<() => void> = [];
    await mountLoggedOut(api, dbName, (l) => (online.push(l), () => undefined));
    expect((document.querySelector('[data-testid="companion-pair"]')!.closest('form') as HTMLFormElement).hidden).toBe(true);
    expect(text('companion-pair-hint')).toContain('No parent is logged in');

    await pairWith(link('dev-A'));
    expect(text('companion-progress')).toBe('This phone is paired.');
    await until(() => text('companion-device').includes('dev-A'), 'the pairing shown');
    expect(text('companion-device')).toContain('child-1');
    expect(input().value).toBe('');
    expect(state.requests).toEqual(['GET /api/v1/devices/me dev-A']);

    // What the phone keeps: device, child, time and the token, in its IndexedDB, as the other way of pairing does.
    const queue = await Queue.open({ dbName });
    const stored = await queue.pairing();
    queue.close();
    expect(stored).toMatchObject({ deviceId: 'dev-A', childId: 'child-1', deviceToken: token('dev-A') });
    expect(Math.abs(Date.now() - stored!.pairedAt)).toBeLessThan(10_000);

    button('companion-replay').click();
    await until(() => text('companion-sent') === '56', 'the upload');
    expect(new Set(state.uploadsBy)).toEqual(new Set(['dev-A']));
    expect(state.requests.filter((r) => r.startsWith('POST')).every((r) => r === 'POST /api/v1/ingest/batches dev-A')).toBe(true);
  });

  it('refuses, in words and storing nothing, another server’s link, a damaged one and a token ZenMoon refuses', async () => {
    const { api, state } = server();
    const dbName = freshDbName('link');
    await mountLoggedOut(api, dbName);

    await pairWith(link('dev-A', 'https://elsewhere.example/api/v1/'));
    expect(text('companion-progress')).toContain('another server (https://elsewhere.example)');
    await pairWith(link('dev-A').slice(0, -5));
    expect(text('companion-progress')).toContain('token is damaged');
    await pairWith('zenmoon://pair?server=' + encodeURIComponent(BASE));
    expect(text('companion-progress')).toContain('incomplete');
    expect(state.requests).toEqual([]);

    await pairWith(link('dev-Z')); // well formed, but no such device (unpaired, or never paired)
    expect(text('companion-progress')).toContain('ZenMoon refused this link');
    state.online = false;
    await pairWith(link('dev-A'));
    expect(text('companion-progress')).toContain('No connection to ZenMoon: nothing was stored');

    expect(text('companion-device')).toBe('This phone is not paired.');
    const queue = await Queue.open({ dbName });
    expect(await queue.pairing()).toBeNull();
    queue.close();
  });

  it('refuses another child’s link while this child’s minutes still wait; the same child’s new link revokes the old device', async () => {
    const { api, state } = server();
    const dbName = freshDbName('link');
    await mountLoggedOut(api, dbName);
    await pairWith(link('dev-A'));
    await until(() => text('companion-device').includes('dev-A'), 'the first pairing');

    state.online = false;
    button('companion-replay').click();
    await until(() => text('companion-queued') === '56' && !button('companion-replay').disabled, 'the offline replay');
    state.online = true;

    await pairWith(link('dev-B')); // child-2
    expect(text('companion-progress')).toBe(
      'This phone still holds minutes of another child that have not gone up. Pair it for that child until they have.',
    );
    expect(text('companion-device')).toContain('dev-A');
    let queue = await Queue.open({ dbName });
    expect(await queue.pairing()).toMatchObject({ deviceId: 'dev-A', childId: 'child-1' });
    queue.close();
    expect(state.devices.has(token('dev-A'))).toBe(true);

    // The same child's new code: taken, the waiting minutes go up as the new device, and the old device ends itself.
    await pairWith(link('dev-C'));
    expect(text('companion-progress')).toBe('This phone is paired.');
    await until(() => !state.devices.has(token('dev-A')), 'the old device revoked');
    expect(state.requests).toContain('DELETE /api/v1/devices/me dev-A');
    await until(() => text('companion-sent') === '56', 'the upload as the new device');
    expect(new Set(state.uploadsBy)).toEqual(new Set(['dev-C']));
    queue = await Queue.open({ dbName });
    expect(await queue.pairing()).toMatchObject({ deviceId: 'dev-C', childId: 'child-1', deviceToken: token('dev-C') });
    queue.close();

    // Its minutes gone up, the phone may be paired for the other child.
    await pairWith(link('dev-B'));
    expect(text('companion-progress')).toBe('This phone is paired.');
    expect(text('companion-device')).toContain('child-2');
  });
});
