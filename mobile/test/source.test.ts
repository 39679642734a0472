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
    expect(await queue.ack()).toEqual({ wearableId: '5A4D0001', seq: 56 });
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

/** A wearable double: records the GATT writes in order and sends notifications on request. */
function fakeWearable() {
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
        gatt: {
          connected: true,
          connect: async function () {
            log.push('connect');
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
});
