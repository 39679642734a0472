/** Shared by the companion's tests: epochs of a present-day minute range, and a fresh database name per test. */
import { ZENMOON_GATT, type BluetoothLike, type GattCharacteristic } from '../src/companion/source';
import type { UploadEpoch } from '../src/shared/types';

export const T0 = Date.parse('2026-12-02T07:00:00Z');

let dbCounter = 0;
export const freshDbName = (prefix: string): string => `${prefix}-${++dbCounter}`;

export function epochs(fromSeq: number, n: number): UploadEpoch[] {
  return Array.from({ length: n }, (_, k) => ({
    t: new Date(T0 + (fromSeq + k) * 60_000).toISOString().replace('.000Z', 'Z'),
    hr: 70 + k,
    quality: 1,
    wear: true,
    seq: fromSeq + k,
  }));
}

/**
 * A wearable double: one Bluetooth device (the same object on every `requestDevice`), which records the GATT calls in
 * order and sends notifications on request. `id` is the Bluetooth device id the browser gives; `connected` holds
 * `gatt.connect()` until it resolves. `drop()` cuts the link as going out of range does (`gattserverdisconnected`);
 * `failConnects` makes that many next `gatt.connect()` calls fail; `acks` are the seqs written, in order.
 */
export function fakeWearable(device: { id?: string; connected?: Promise<void> } = {}) {
  const log: string[] = [];
  const acks: number[] = [];
  const state = { failConnects: 0 };
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
      const seq = new DataView((v as Uint8Array).buffer).getUint32(0, true);
      acks.push(seq);
      log.push(`ack ${seq}`);
    },
  });
  const gatt = {
    connected: false,
    connect: async () => {
      log.push('connect');
      await device.connected;
      if (state.failConnects > 0) {
        state.failConnects--;
        throw new Error('Bluetooth device is out of range');
      }
      gatt.connected = true;
      return gatt;
    },
    // As in browsers, disconnecting a connected server fires `gattserverdisconnected` too.
    disconnect: () => {
      log.push('disconnect');
      const was = gatt.connected;
      gatt.connected = false;
      if (was) ble.dispatchEvent(new Event('gattserverdisconnected'));
    },
    getPrimaryService: async () => ({
      getCharacteristic: async (uuid: string) => (uuid === ZENMOON_GATT.frames ? frames : ack) as unknown as GattCharacteristic,
    }),
  };
  const ble = Object.assign(new EventTarget(), { ...(device.id === undefined ? {} : { id: device.id }), gatt });
  const notify = (bytes: Uint8Array) => {
    frames.value = new DataView(bytes.slice().buffer);
    frames.dispatchEvent(new Event('characteristicvaluechanged'));
  };
  const drop = () => {
    log.push('dropped');
    gatt.connected = false;
    ble.dispatchEvent(new Event('gattserverdisconnected'));
  };
  const bluetooth: BluetoothLike = {
    requestDevice: async (options) => {
      log.push(`request ${options.filters[0]?.services[0]}`);
      return ble;
    },
  };
  return { bluetooth, log, acks, notify, drop, state };
}
