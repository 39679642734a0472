// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/shared/api';
import { mountCompanion } from '../src/companion/screen';
import { fakeWearable, freshDbName } from './companion-helpers';
import { hexToBytes } from '../src/companion/frame';
import { ZENMOON_GATT, shiftFrame, shiftToNow, type BluetoothLike, type GattCharacteristic, type ReconnectOptions } from '../src/companion/source';

const recordingBytes = readFileSync('public/replay/golden_S01.json') // vitest runs in mobile/;
const fetchRecording = (async () => new Response(recordingBytes, { status: 200 })) as unknown as typeof fetch;

/** A ZenMoon double: pairs, stores each minute once per child, and can be cut off like a network. */
function server() {
  const state = {
    online: true,
    pairs: 0,
    uploads: 0,
    stored: new Map<string, number>(),
    batchIds: new Set<string>(),
    revoked: [] as string[],
    revokeStatus: 204,
  };
  const api = new ApiClient(
    () => 'guardian-session',
    async (url, init) => {
      if (!state.online) throw new TypeError('Failed to fetch');
      if (init?.method === 'DELETE') {
        const auth = (init.headers as Record<string, string>).Authorization;
        if (state.revokeStatus !== 204) return new Response(JSON.stringify({ title: 'Server error' }), { status: state.revokeStatus });
        state.revoked.push(`${url} ${auth}`);
        return new Response(null, { status: 204 });
      }
      const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
      if (url.endsWith('/devices/pair')) {
        state.pairs++;
        const id = state.pairs === 1 ? 'dev-7' : `dev-${6 + state.pairs}`;
        return new Response(JSON.stringify({ deviceId: id, deviceToken: `zmd.t.${id}.s` }), { status: 201 });
      }
      state.uploads++;
      let accepted = 0;
      let duplicates = 0;
      for (const e of body.epochs as Array<{ t: string }>) {
        state.stored.set(e.t, (state.stored.get(e.t) ?? 0) + 1);
        if (state.stored.get(e.t) === 1) accepted++;
        else duplicates++;
      }
      state.batchIds.add(String(body.batchId));
      return new Response(JSON.stringify({ batchId: body.batchId, accepted, duplicates, clockSkewFlagged: false }), { status: 200 });
    },
  );
  return { api, state };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what} ${document.getElementById('companion-progress')?.textContent}`);
}

const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
const button = (id: string) => document.getElementById(id) as HTMLButtonElement;

let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

describe('mountCompanion', () => {
  it('pairs, queues a replay while offline, and delivers every minute once when the network is back', async () => {
    const { api, state } = server();
    const onlineListeners: Array<() => void> = [];
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    unmount = mountCompanion(root, {
      api,
      children: [{ childId: 'child-1', pseudonym: 'Fox' }],
      dbName: freshDbName('screen'),
      fetchRecording,
      bluetooth: null,
      replayIntervalMs: 0,
      online: (l) => {
        onlineListeners.push(l);
        return () => undefined;
      },
    });
    expect(button('companion-replay').disabled).toBe(true);
    expect(button('companion-connect').disabled).toBe(true);
    expect(text('companion-connect-note')).toContain('no Web Bluetooth');

    await until(() => text('companion-upload-state') !== '' && !button('companion-pair').disabled, 'the queue');
    button('companion-pair').click();
    await until(() => !button('companion-replay').disabled, 'pairing: ' + text('companion-progress'));
    expect(state.pairs).toBe(1);
    expect(text('companion-device')).toContain('Fox');

    state.online = false;
    button('companion-replay').click();
    await until(() => text('companion-queued') === '56' && text('companion-last-error') !== 'None', 'the offline replay');
    expect(text('companion-sent')).toBe('0');
    expect(text('companion-last-error')).toContain('No connection');
    expect(state.stored.size).toBe(0);

    state.online = true;
    for (const l of onlineListeners) l();
    await until(() => text('companion-sent') === '56', 'the upload');
    expect(text('companion-queued')).toBe('0');
    expect(text('companion-duplicates')).toBe('0');
    expect(text('companion-lost')).toBe('0');
    expect(state.stored.size).toBe(56);
    expect([...state.stored.values()].every((n) => n === 1)).toBe(true);
    const newest = Math.max(...[...state.stored.keys()].map((t) => Date.parse(t)));
    expect(Date.now() - newest).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - newest).toBeLessThan(180_000);
    expect(text('companion-history')).toContain('56 accepted');
  });

  it('has no accessibility violations axe can find', async () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    document.documentElement.lang = 'en';
    document.title = 'Companion';
    unmount = mountCompanion(root, {
      api: server().api,
      children: [{ childId: 'child-1', pseudonym: 'Fox' }],
      dbName: freshDbName('screen'),
      fetchRecording,
      bluetooth: null,
      online: () => () => undefined,
    });
    await until(() => !button('companion-pair').disabled, 'the queue');
    const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`)).toEqual([]);
    expect(document.querySelector('[role="status"]')).not.toBeNull();
  });

  const mountPaired = async (api: ApiClient, bluetooth: BluetoothLike | null = null, reconnect?: ReconnectOptions) => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    unmount = mountCompanion(root, {
      api,
      children: [{ childId: 'child-1', pseudonym: 'Fox' }],
      dbName: freshDbName('screen'),
      fetchRecording,
      bluetooth,
      online: () => () => undefined,
      ...(reconnect ? { reconnect } : {}),
    });
    await until(() => !button('companion-pair').disabled, 'the queue');
    button('companion-pair').click();
    await until(() => text('companion-device').includes('dev-7') && !button('companion-pair').disabled, 'pairing');
  };

  it('pairing again revokes the old device with the parent\'s session', async () => {
    const { api, state } = server();
    await mountPaired(api);
    expect(text('companion-pair')).toBe('Pair again');
    button('companion-pair').click();
    await until(() => state.revoked.length === 1, 'the revocation');
    expect(state.revoked).toEqual(['/api/v1/devices/dev-7 Bearer guardian-session']);
    expect(text('companion-device')).toContain('dev-8');
  });

  it('keeps the new pairing and says so when the old device cannot be revoked', async () => {
    const { api, state } = server();
    await mountPaired(api);
    state.revokeStatus = 500;
    button('companion-pair').click();
    await until(() => text('companion-progress').includes('could not be revoked'), 'the failed revocation');
    expect(text('companion-progress')).toContain('dev-7');
    expect(text('companion-device')).toContain('dev-8');
    expect(state.pairs).toBe(2);
    expect(state.revoked).toEqual([]);
  });

  it('stops a wearable that is still connecting when the screen is left', async () => {
    const log: string[] = [];
    let connected: () => void = () => undefined;
    const gate = new Promise<void>((r) => (connected = r));
    const characteristic = (name: string) =>
      Object.assign(new EventTarget(), {
        startNotifications: async () => {
          log.push(`notify ${name}`);
          return characteristic(name) as unknown as GattCharacteristic;
        },
        stopNotifications: async () => characteristic(name) as unknown as GattCharacteristic,
        writeValueWithResponse: async () => {
          log.push(`write ${name}`);
        },
      });
    const bluetooth: BluetoothLike = {
      requestDevice: async () =>
        Object.assign(new EventTarget(), {
          id: 'ble-A',
          gatt: {
            connected: true,
            connect: async function () {
              log.push('connect');
              await gate;
              return this;
            },
            disconnect: () => log.push('disconnect'),
            getPrimaryService: async () => ({
              getCharacteristic: async (uuid: string) =>
                characteristic(uuid === ZENMOON_GATT.frames ? 'frames' : 'ack') as unknown as GattCharacteristic,
            }),
          },
        }),
    };
    await mountPaired(server().api, bluetooth);
    button('companion-connect').click();
    await until(() => log.includes('connect'), 'the connection');
    unmount?.();
    unmount = null;
    connected();
    await new Promise((r) => setTimeout(r, 20));
    expect(log.at(-1)).toBe('disconnect');
    expect(log.filter((l) => l.startsWith('notify') || l.startsWith('write'))).toEqual([]);
  });

  it('reconnects a dropped wearable by itself and says so in words; gives up and asks for the button', async () => {
    const wearable = fakeWearable({ id: 'ble-A' });
    const waits: number[] = [];
    // The backoff's waits are recorded and shortened to a few ms.
    await mountPaired(server().api, wearable.bluetooth, { sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, 5))) });
    button('companion-connect').click();
    await until(() => text('companion-progress') === 'Wearable connected.', 'the connection');
    expect(text('companion-link')).toBe('Connected');
    expect(text('companion-connect')).toBe('Disconnect wearable');
    const progress = document.getElementById('companion-progress')!;
    expect(progress.getAttribute('aria-live')).toBe('polite');

    wearable.state.failConnects = 1;
    wearable.drop();
    expect(text('companion-progress')).toBe('The wearable disconnected: reconnecting… (attempt 1 of 6, in 1 s)');
    expect(text('companion-link')).toBe('Reconnecting…');
    await until(() => text('companion-progress') === 'Wearable connected again.', 'the reconnection');
    expect(text('companion-link')).toBe('Connected');
    expect(waits).toEqual([1_000, 2_000]);

    wearable.state.failConnects = 100;
    wearable.drop();
    await until(() => text('companion-link') === 'Could not reconnect', 'giving up');
    expect(text('companion-progress')).toBe(
      'The wearable could not reconnect: press Connect wearable. It sends the rest on the next connection.',
    );
    expect(text('companion-connect')).toBe('Connect wearable');
    expect(waits).toHaveLength(2 + 6);
  });

  it('stops reconnecting when the family presses Disconnect wearable', async () => {
    const wearable = fakeWearable({ id: 'ble-A' });
    const waits: number[] = [];
    await mountPaired(server().api, wearable.bluetooth, { sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, 30))) });
    button('companion-connect').click();
    await until(() => text('companion-link') === 'Connected', 'the connection');
    wearable.drop();
    expect(text('companion-link')).toBe('Reconnecting…');
    button('companion-connect').click();
    expect(text('companion-progress')).toBe('Wearable disconnected.');
    await new Promise((r) => setTimeout(r, 100));
    expect(waits).toEqual([1_000]);
    expect(wearable.log.filter((l) => l === 'connect')).toHaveLength(1);
    expect(text('companion-link')).toBe('Not connected');
    expect(text('companion-connect')).toBe('Connect wearable');
  });

  it('after giving up, a new connection to the same wearable runs the only reconnection, stores each minute once, and Disconnect ends it', async () => {
    // Chrome hands back the same BluetoothDevice object when the family picks the same wearable again.
    const wearable = fakeWearable({ id: 'ble-A' });
    const waits: number[] = [];
    await mountPaired(server().api, wearable.bluetooth, { attempts: 2, sleep: (ms) => (waits.push(ms), new Promise((r) => setTimeout(r, 5))) });
    button('companion-connect').click();
    await until(() => text('companion-progress') === 'Wearable connected.', 'the connection');
    wearable.state.failConnects = 100;
    wearable.drop();
    await until(() => text('companion-link') === 'Could not reconnect', 'giving up');
    expect(waits).toEqual([1_000, 2_000]);

    wearable.state.failConnects = 0;
    button('companion-connect').click();
    await until(() => text('companion-progress') === 'Wearable connected.', 'the second connection');
    const connects = () => wearable.log.filter((l) => l === 'connect').length;
    const before = connects();
    wearable.drop();
    await until(() => text('companion-progress') === 'Wearable connected again.', 'the reconnection');
    await new Promise((r) => setTimeout(r, 50));
    expect(waits).toEqual([1_000, 2_000, 1_000]);
    expect(connects()).toBe(before + 1);

    const frames = (JSON.parse(recordingBytes.toString()) as { frames: Array<{ hex: string }> }).frames.map((f) => f.hex).slice(0, 2);
    const shift = shiftToNow(frames, Date.now());
    for (const hex of frames) wearable.notify(shiftFrame(hexToBytes(hex), shift));
    await until(() => text('companion-queued') === '38', 'the frames stored');
    await new Promise((r) => setTimeout(r, 50));
    expect(text('companion-queued')).toBe('38');
    expect(text('companion-lost')).toBe('0');

    // Disconnect: nothing connects the wearable again behind the screen's back.
    const beforeDisconnect = connects();
    button('companion-connect').click();
    await new Promise((r) => setTimeout(r, 100));
    expect(connects()).toBe(beforeDisconnect);
    expect(waits).toHaveLength(3);
    expect(text('companion-link')).toBe('Not connected');
    expect(wearable.log.at(-1)).toBe('disconnect');
  });
});
