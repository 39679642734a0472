import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Collector } from '../src/companion/collector';
import { bytesToHex, crc16, decodeFrame, hexToBytes } from '../src/companion/frame';
import { Queue } from '../src/companion/queue';
import {
  ReplaySource,
  WebBluetoothSource,
  ZENMOON_GATT,
  loadRecording,
  shiftFrame,
  shiftToNow,
  type WearableLink,
} from '../src/companion/source';
import { T0, fakeWearable, freshDbName } from './companion-helpers';

const firmwareFile = new URL('../../firmware/test-vectors/golden_S01.json', import.meta.url);
const publicCopy = new URL('../public/replay/golden_S01.json', import.meta.url);
const recording = (JSON.parse(readFileSync(firmwareFile, 'utf8')) as { frames: Array<{ hex: string }> }).frames.map((f) => f.hex);

async function play(source: ReplaySource): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  await source.start((bytes) => got.push(bytes));
  return got;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

describe('the recording shipped with the app', () => {
  it('is the firmware\'s golden_S01.json, byte for byte', () => {
    expect(readFileSync(publicCopy).equals(readFileSync(firmwareFile))).toBe(true);
  });

  it('loads as its frames', async () => {
    const fetcher = (async () => new Response(readFileSync(publicCopy), { status: 200 })) as unknown as typeof fetch;
    expect(await loadRecording('/app/replay/golden_S01.json', fetcher)).toEqual(recording);
  });
});

describe('ReplaySource', () => {
  it('plays the golden frames byte for byte without a shift', async () => {
    expect((await play(new ReplaySource(recording))).map(bytesToHex)).toEqual(recording);
  });

  it('shifts by rewriting t and the CRC, so every shifted frame is valid and only its times moved', async () => {
    const shift = 1_000 * 86_400;
    const shifted = await play(new ReplaySource(recording, { shiftSeconds: shift }));
    shifted.forEach((bytes, i) => {
      const original = decodeFrame(hexToBytes(recording[i]!));
      const frame = decodeFrame(bytes);
      expect(frame.t).toBe(original.t + shift);
      expect(frame.epochs.map((e) => ({ ...e, t: Date.parse(e.t) }))).toEqual(
        original.epochs.map((e) => ({ ...e, t: Date.parse(e.t) + shift * 1000 })),
      );
      expect(crc16(bytes, bytes.length - 2)).toBe(bytes[bytes.length - 2]! | (bytes[bytes.length - 1]! << 8));
    });
  });

  it('lands the recording at the last whole minute before now', () => {
    const now = Date.parse('2026-12-02T07:46:05.300Z');
    const shift = shiftToNow(recording, now);
    const last = decodeFrame(shiftFrame(hexToBytes(recording.at(-1)!), shift)).epochs.at(-1);
    expect(last?.t).toBe('2026-12-02T07:45:00Z');
    expect(() => shiftFrame(hexToBytes(recording[0]!), 30)).toThrow();
    const broken = hexToBytes(recording[0]!).slice(0, 100);
    expect(shiftFrame(broken, 60)).toBe(broken);
  });
});

describe('Collector', () => {
  it('stores every epoch of the recording, then acknowledges the last seq of each frame', async () => {
    const queue = await Queue.open({ dbName: freshDbName('collector') });
    const source = new ReplaySource(recording);
    const acks: number[] = [];
    const collector = new Collector(queue, () => T0, { onStored: (f) => acks.push(f.seq + f.epochs.length - 1) });
    await source.start(collector.listener(source));
    await collector.idle();
    expect(acks).toEqual([19, 38, 56]);
    expect(source.acknowledged).toBe(56);
    expect(await queue.ack('5A4D0001', true)).toEqual({ wearableId: '5A4D0001', seq: 56, replay: true });
    expect(await queue.ack('5A4D0001')).toBeNull();
    const status = await queue.status();
    expect(status.queuedEpochs).toBe(56);
    expect(status.totals.lostEpochs).toBe(0);
  });

  it('acknowledges no rejected frame and reports a seq jump as lost epochs, also across a restart', async () => {
    const dbName = freshDbName('collector');
    const queue = await Queue.open({ dbName });
    const source = new ReplaySource([]);
    const rejected: string[] = [];
    const collector = new Collector(queue, () => T0, { onRejected: (r) => rejected.push(r) });
    const onFrame = collector.listener(source);
    const corrupt = hexToBytes(recording[1]!);
    corrupt[30] = (corrupt[30] ?? 0) ^ 0x04;
    onFrame(hexToBytes(recording[0]!));
    onFrame(corrupt);
    await collector.idle();
    expect(rejected).toEqual(['CRC mismatch']);
    expect(source.acknowledged).toBe(19);

    // the phone restarts; the wearable's next frame starts at 39: 20..38 never arrive
    const again = new Collector(await Queue.open({ dbName }), () => T0);
    again.listener(source)(hexToBytes(recording[2]!));
    await again.idle();
    const { totals, queuedEpochs } = await queue.status();
    expect(totals.lostEpochs).toBe(19);
    expect(totals.lastGap).toEqual({ count: 19, fromSeq: 20, toSeq: 38 });
    expect(queuedEpochs).toBe(19 + 18);
    expect(source.acknowledged).toBe(56);
  });
});

describe('WebBluetoothSource', () => {
  it('writes the last acknowledged seq before notifications start, and each acknowledgement after', async () => {
    const wearable = fakeWearable();
    const source = new WebBluetoothSource(wearable.bluetooth, async () => 38);
    const got: string[] = [];
    await source.start((bytes) => got.push(bytesToHex(bytes)));
    wearable.notify(hexToBytes(recording[2]!));
    await source.acknowledge(56);
    await source.stop();
    expect(got).toEqual([recording[2]]);
    expect(wearable.log).toEqual([`request ${ZENMOON_GATT.service}`, 'connect', 'ack 38', 'notify', 'ack 56', 'disconnect']);
  });

  it('stops a start under way: it connects no further and takes no notifications', async () => {
    let connect: () => void = () => undefined;
    const wearable = fakeWearable({ connected: new Promise<void>((r) => (connect = r)) });
    const source = new WebBluetoothSource(wearable.bluetooth, async () => 0);
    const got: Uint8Array[] = [];
    const starting = source.start((bytes) => got.push(bytes));
    await new Promise((r) => setTimeout(r, 0));
    await source.stop(); // the screen is left while the wearable connects
    connect();
    await starting;
    wearable.notify(hexToBytes(recording[0]!));
    expect(got).toEqual([]);
    expect(wearable.log).toEqual([`request ${ZENMOON_GATT.service}`, 'connect', 'disconnect', 'disconnect']);
  });
});

describe('reconnection after a Bluetooth drop', () => {
  /** Records the backoff waits; each wait ends at once (or when `hold` lets it). */
  const recorder = (hold?: () => Promise<void>) => {
    const waits: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      waits.push(ms);
      await hold?.();
    };
    return { waits, sleep };
  };

  it('connects to the same device again with 1 s, 2 s, 4 s … waits, writes the ack first, and takes frames again', async () => {
    const wearable = fakeWearable({ id: 'ble-A' });
    const links: WearableLink[] = [];
    const { waits, sleep } = recorder();
    const source = new WebBluetoothSource(wearable.bluetooth, async () => 19, (l) => links.push(l), { sleep });
    const got: string[] = [];
    await source.start((bytes) => got.push(bytesToHex(bytes)));
    wearable.state.failConnects = 2;
    wearable.drop();
    await until(() => links.some((l) => l.state === 'connected'));
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    expect(links).toEqual([
      { state: 'reconnecting', attempt: 1, attempts: 6, inMs: 1_000 },
      { state: 'reconnecting', attempt: 2, attempts: 6, inMs: 2_000 },
      { state: 'reconnecting', attempt: 3, attempts: 6, inMs: 4_000 },
      { state: 'connected' },
    ]);
    // The device is not asked for again (no chooser); the ack goes before notifications, on each connection.
    expect(wearable.log.filter((l) => l.startsWith('request'))).toHaveLength(1);
    expect(wearable.log.slice(wearable.log.indexOf('dropped'))).toEqual(['dropped', 'connect', 'connect', 'connect', 'ack 19', 'notify']);
    wearable.notify(hexToBytes(recording[1]!));
    expect(got).toEqual([recording[1]]);
    await source.stop();
  });

  it('gives up after a bounded number of tries, the waits capped, and says so', async () => {
    const wearable = fakeWearable({ id: 'ble-A' });
    const links: WearableLink[] = [];
    const { waits, sleep } = recorder();
    const source = new WebBluetoothSource(wearable.bluetooth, async () => 0, (l) => links.push(l), { sleep, attempts: 7 });
    await source.start(() => undefined);
    wearable.state.failConnects = 100;
    wearable.drop();
    await until(() => links.at(-1)?.state === 'lost');
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(wearable.log.filter((l) => l === 'connect')).toHaveLength(1 + 7);
  });

  it('stops retrying when the family disconnects on purpose', async () => {
    const wearable = fakeWearable({ id: 'ble-A' });
    const links: WearableLink[] = [];
    let release: () => void = () => undefined;
    const { waits, sleep } = recorder(() => new Promise<void>((r) => (release = r)));
    const source = new WebBluetoothSource(wearable.bluetooth, async () => 0, (l) => links.push(l), { sleep });
    await source.start(() => undefined);
    wearable.drop();
    await until(() => waits.length === 1);
    await source.stop();
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(waits).toEqual([1_000]);
    expect(links.map((l) => l.state)).toEqual(['reconnecting']);
    expect(wearable.log.filter((l) => l === 'connect')).toHaveLength(1);
  });

  it('neither loses nor stores twice a frame across a reconnect', async () => {
    const queue = await Queue.open({ dbName: freshDbName('collector') });
    await queue.setPairing({ deviceId: 'dev-7', deviceToken: 'zmd.t', childId: 'child-1', pairedAt: T0 });
    const collector = new Collector(queue, () => T0);
    const wearable = fakeWearable({ id: 'ble-A' });
    const { sleep } = recorder();
    const links: WearableLink[] = [];
    const source = new WebBluetoothSource(
      wearable.bluetooth,
      async (id) => {
        await collector.idle();
        return queue.ackOnConnect(id);
      },
      (l) => links.push(l),
      { sleep },
    );
    await source.start(collector.listener(source));
    wearable.notify(hexToBytes(recording[0]!));
    await collector.idle();
    // The second frame arrives, and the link drops before it is stored (its acknowledgement cannot be written).
    wearable.notify(hexToBytes(recording[1]!));
    wearable.drop();
    await until(() => links.some((l) => l.state === 'connected'));
    // The wearable is told the phone holds up to 38, so it goes on from 39: nothing is sent twice on its side.
    expect(wearable.acks).toEqual([0, 19, 38]);
    // A band that fell back further resends the second frame anyway: it is acknowledged, not stored again.
    wearable.notify(hexToBytes(recording[1]!));
    wearable.notify(hexToBytes(recording[2]!));
    await collector.idle();
    expect(wearable.acks.slice(3)).toEqual([38, 56]);
    await queue.form(T0, true);
    const times = (await queue.batches()).flatMap((b) => b.epochs.map((e) => e.t));
    expect(times).toHaveLength(56);
    expect(new Set(times).size).toBe(56);
    expect((await queue.status()).totals.lostEpochs).toBe(0);
    await source.stop();
  });
});

describe('acknowledgement on connect', () => {
  const connectAndSend = async (queue: Queue, collector: Collector, id: string | undefined, frames: string[]) => {
    const wearable = fakeWearable(id === undefined ? {} : { id });
    const source = new WebBluetoothSource(wearable.bluetooth, (bleDeviceId) => queue.ackOnConnect(bleDeviceId));
    await source.start(collector.listener(source));
    for (const hex of frames) wearable.notify(hexToBytes(hex));
    await collector.idle();
    await source.stop();
    return wearable.log.filter((l) => l.startsWith('ack'));
  };

  it('never tells a wearable the ack of a replay or of another wearable, only its own', async () => {
    const queue = await Queue.open({ dbName: freshDbName('collector') });
    const collector = new Collector(queue, () => T0);
    const replay = new ReplaySource(recording); // the recording's wearable id is 5A4D0001, up to seq 56
    await replay.start(collector.listener(replay));
    await collector.idle();
    expect(replay.acknowledged).toBe(56);

    // a real band, never seen, gets 0 and sends from its first minute; its first frames tie it to 5A4D0001
    expect(await connectAndSend(queue, collector, 'ble-A', [recording[0]!])).toEqual(['ack 0', 'ack 19']);
    expect((await queue.status()).totals.lostEpochs).toBe(0);
    // the same band again: its own ack, not the replay's 56
    expect(await connectAndSend(queue, collector, 'ble-A', [recording[1]!])).toEqual(['ack 19', 'ack 38']);
    // a replacement band, and a browser that gives no device id: 0
    expect(await connectAndSend(queue, collector, 'ble-B', [])).toEqual(['ack 0']);
    expect(await connectAndSend(queue, collector, undefined, [])).toEqual(['ack 0']);
    expect(await queue.ack('5A4D0001')).toEqual({ wearableId: '5A4D0001', seq: 38 });
    expect(await queue.ack('5A4D0001', true)).toEqual({ wearableId: '5A4D0001', seq: 56, replay: true });
  });
});
