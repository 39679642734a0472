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
  type BluetoothLike,
  type GattCharacteristic,
} from '../src/companion/source';
import { T0, freshDbName } from './companion-helpers';

const firmwareFile = new URL('../../firmware/test-vectors/golden_S01.json', import.meta.url);
const publicCopy = new URL('../public/replay/golden_S01.json', import.meta.url);
const recording = (JSON.parse(readFileSync(firmwareFile, 'utf8')) as { frames: Array<{ hex: string }> }).frames.map((f) => f.hex);

async function play(source: ReplaySource): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  await source.start((bytes) => got.push(bytes));
  return got;
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

/**
 * A wearable double: records the GATT writes in order and sends notifications on request. `id` is the Bluetooth
 * device id the browser gives; `connected` holds `gatt.connect()` until it resolves.
 */
function fakeWearable(device: { id?: string; connected?: Promise<void> } = {}) {
  const log: string[] = [];
  const frames = Object.assign(new EventTarget(), {
    value: null as DataView | null,
    startNotifications: async () => {
      log.push('notify');
      return frames as unknown as GattCharacteristic;
    },
    stopNotifications: async () => frames as unknown as GattCharacteristic,
    writeValueWithResponse: async () => undefined,
  });
  const ack = Object.assign(new EventTarget(), {
    startNotifications: async () => ack as unknown as GattCharacteristic,
    stopNotifications: async () => ack as unknown as GattCharacteristic,
    writeValueWithResponse: async (v: BufferSource) => {
      log.push(`ack ${new DataView((v as Uint8Array).buffer).getUint32(0, true)}`);
    },
  });
  const notify = (bytes: Uint8Array) => {
    frames.value = new DataView(bytes.slice().buffer);
    frames.dispatchEvent(new Event('characteristicvaluechanged'));
  };
  const bluetooth: BluetoothLike = {
    requestDevice: async (options) => {
      log.push(`request ${options.filters[0]?.services[0]}`);
      return Object.assign(new EventTarget(), {
        ...(device.id === undefined ? {} : { id: device.id }),
        gatt: {
          connected: true,
          connect: async function () {
            log.push('connect');
            await device.connected;
            return this;
          },
          disconnect: () => log.push('disconnect'),
          getPrimaryService: async () => ({
            getCharacteristic: async (uuid: string) =>
              (uuid === ZENMOON_GATT.frames ? frames : ack) as unknown as GattCharacteristic,
          }),
        },
      });
    },
  };
  return { bluetooth, log, notify };
}

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
