/**
 * Where frames come from: the wearable over Web Bluetooth, or a recording replayed (for demos and the browser test,
 * since no wearable is at hand there). Both hand over raw frame bytes, so the decoder, the queue and the
 * acknowledgements are the same for either.
 */
import { EPOCH_SECONDS, FRAME_CRC_LEN, crc16, decodeFrame, hexToBytes } from './frame';

export interface FrameSource {
  /** A recording's acknowledgements are kept apart and never written to a wearable. */
  readonly kind: 'wearable' | 'replay';
  /** The Bluetooth device's id (stable per origin), to find its wearable id again on the next connect; or null. */
  readonly bleDeviceId?: string | null;
  /** Resolves when frames flow (connected) or, for a source that ends, when every frame has been handed over. */
  start(onFrame: (bytes: Uint8Array) => void): Promise<void>;
  stop(): Promise<void>;
  /** Tells the source the highest seq up to which the phone holds every epoch (FRAME.md, "Acknowledgement"). */
  acknowledge(seq: number): Promise<void>;
}

/**
 * The wearable's GATT service. The firmware has no BLE stack yet (firmware/README.md: the demo image hands frames to a
 * buffer), so the UUIDs are defined here, once; the firmware's GATT table must use the same ones.
 */
export const ZENMOON_GATT = {
  service: '7bd7cf18-544f-411b-9c30-da9b9a2445d4',
  /** Notify: one frame (FRAME.md) per notification. */
  frames: '312f904a-1afd-4f79-8539-b8b64a733bb0',
  /** Write: u32 little-endian, the acknowledged seq. */
  ack: '2bad85ef-90b5-4a9e-8706-65e0c5a986a5',
} as const;

/* The parts of Web Bluetooth used here; TypeScript's DOM library does not declare it. */
export interface GattCharacteristic extends EventTarget {
  readonly value?: DataView | null;
  startNotifications(): Promise<GattCharacteristic>;
  stopNotifications(): Promise<GattCharacteristic>;
  writeValueWithResponse(value: BufferSource): Promise<void>;
}
interface GattService {
  getCharacteristic(uuid: string): Promise<GattCharacteristic>;
}
interface GattServer {
  readonly connected: boolean;
  connect(): Promise<GattServer>;
  disconnect(): void;
  getPrimaryService(uuid: string): Promise<GattService>;
}
export interface BluetoothDeviceLike extends EventTarget {
  readonly id?: string;
  readonly name?: string;
  readonly gatt?: GattServer;
}
export interface BluetoothLike {
  requestDevice(options: { filters: Array<{ services: string[] }> }): Promise<BluetoothDeviceLike>;
}

/** `navigator.bluetooth`, or null where the browser has none (Firefox, Safari, iOS). */
export function webBluetooth(): BluetoothLike | null {
  const nav = globalThis.navigator as (Navigator & { bluetooth?: BluetoothLike }) | undefined;
  return nav?.bluetooth ?? null;
}

export function u32le(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** The wearable's link, as the screen tells it. */
export type WearableLink =
  | { readonly state: 'connected' }
  /** The connection dropped; attempt `attempt` of `attempts` comes in `inMs`. */
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly attempts: number; readonly inMs: number }
  /** Every attempt failed: the family connects it again by hand. */
  | { readonly state: 'lost' };

export interface ReconnectOptions {
  /** How many times to try after a drop (default 6: 1 + 2 + 4 + 8 + 16 + 30 s, about a minute). */
  readonly attempts?: number;
  readonly firstDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Waits `ms` (tests pass one that records the waits). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export const RECONNECT_ATTEMPTS = 6;
export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * The wearable over Web Bluetooth: on connect it writes the last acknowledged seq first, then takes notifications.
 * When the connection drops (`gattserverdisconnected`) it connects to the same device again, without asking the
 * family to choose it, after 1 s, 2 s, 4 s … (capped), a bounded number of times; every connection starts with
 * the acknowledged seq, so the wearable resends what the phone does not hold. `stop()` (the family disconnects, the
 * screen is left) ends a start or a reconnection under way: it connects no further, and it no longer listens to the
 * device. After the last attempt fails the source is done (as if stopped): a new connection is a new source.
 */
export class WebBluetoothSource implements FrameSource {
  readonly kind = 'wearable';
  private device: BluetoothDeviceLike | null = null;
  /** Counts stops, so that a start under way sees it was stopped after each of its steps. */
  private generation = 0;
  private frames: GattCharacteristic | null = null;
  private ackCharacteristic: GattCharacteristic | null = null;
  private listener: ((event: Event) => void) | null = null;
  /** `gattserverdisconnected` on the chosen device: removed on stop, since the browser hands the same device object
   * to a later source when the family picks the same wearable again. */
  private dropListener: (() => void) | null = null;
  private onFrame: ((bytes: Uint8Array) => void) | null = null;
  private reconnecting = false;
  /** GATT allows one operation at a time; acknowledgements queue up behind each other. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly bluetooth: BluetoothLike,
    /** The seq to write on connect, for this Bluetooth device's id (null when the browser gives none). */
    private readonly lastAcknowledged: (bleDeviceId: string | null) => Promise<number>,
    /** The link after a drop: reconnecting, connected again, or lost. */
    private readonly onLink: (link: WearableLink) => void = () => undefined,
    private readonly retry: ReconnectOptions = {},
  ) {}

  /** Of the device chosen in the last start; kept after stop, for frames still being stored. */
  bleDeviceId: string | null = null;

  /** Resolves when notifications flow, or without any when `stop()` came first. */
  async start(onFrame: (bytes: Uint8Array) => void): Promise<void> {
    const generation = this.generation;
    const device = await this.bluetooth.requestDevice({ filters: [{ services: [ZENMOON_GATT.service] }] });
    if (generation !== this.generation) return;
    if (!device.gatt) throw new Error('This wearable offers no GATT server');
    const gatt = device.gatt;
    this.device = device;
    this.bleDeviceId = device.id ?? null;
    this.onFrame = onFrame;
    this.dropListener = () => void this.reconnect(gatt, generation);
    device.addEventListener('gattserverdisconnected', this.dropListener);
    await this.attach(gatt, generation);
  }

  /** Connects the GATT server, writes the acknowledged seq, then takes notifications. */
  private async attach(gatt: GattServer, generation: number): Promise<void> {
    const stopped = () => generation !== this.generation;
    const server = await gatt.connect();
    if (stopped()) return gatt.disconnect();
    const service = await server.getPrimaryService(ZENMOON_GATT.service);
    const frames = await service.getCharacteristic(ZENMOON_GATT.frames);
    const ack = await service.getCharacteristic(ZENMOON_GATT.ack);
    const seq = await this.lastAcknowledged(this.bleDeviceId);
    if (stopped()) return gatt.disconnect();
    this.frames = frames;
    this.ackCharacteristic = ack;
    // the device resends from this seq + 1, so it goes before the first notification
    await this.write(seq);
    if (stopped()) return gatt.disconnect();
    const onFrame = this.onFrame;
    this.listener = (event: Event) => {
      const value = (event.target as GattCharacteristic).value;
      if (value) onFrame?.(new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)));
    };
    frames.addEventListener('characteristicvaluechanged', this.listener);
    await frames.startNotifications();
    if (stopped()) {
      frames.removeEventListener('characteristicvaluechanged', this.listener);
      await frames.stopNotifications().catch(() => undefined);
      gatt.disconnect();
    }
  }

  /** Forgets the characteristics of a connection that is gone (their notifications and writes went with it). */
  private detach(): void {
    if (this.frames && this.listener) this.frames.removeEventListener('characteristicvaluechanged', this.listener);
    this.frames = null;
    this.ackCharacteristic = null;
    this.listener = null;
  }

  /** After a drop: the same device again, with backoff, until connected, stopped, or out of attempts. */
  private async reconnect(gatt: GattServer, generation: number): Promise<void> {
    if (generation !== this.generation || this.reconnecting) return;
    this.reconnecting = true;
    this.detach();
    const attempts = this.retry.attempts ?? RECONNECT_ATTEMPTS;
    const first = this.retry.firstDelayMs ?? RECONNECT_FIRST_MS;
    const max = this.retry.maxDelayMs ?? RECONNECT_MAX_MS;
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    try {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const inMs = Math.min(max, first * 2 ** (attempt - 1));
        this.onLink({ state: 'reconnecting', attempt, attempts, inMs });
        await sleep(inMs);
        if (generation !== this.generation) return;
        try {
          await this.attach(gatt, generation);
          if (generation !== this.generation) return;
          // Dropped again while it connected: the next attempt.
          if (!gatt.connected) throw new Error('disconnected while connecting');
          this.onLink({ state: 'connected' });
          return;
        } catch {
          this.detach();
          if (gatt.connected) gatt.disconnect();
        }
      }
      if (generation === this.generation) {
        // Given up: this source connects no more, whatever the device does next (a new start may use the same one).
        this.generation++;
        this.onLink({ state: 'lost' });
      }
    } finally {
      this.reconnecting = false;
    }
  }

  acknowledge(seq: number): Promise<void> {
    return this.write(seq);
  }

  async stop(): Promise<void> {
    this.generation++;
    const device = this.device;
    this.device = null;
    if (device && this.dropListener) device.removeEventListener('gattserverdisconnected', this.dropListener);
    this.dropListener = null;
    const frames = this.frames;
    this.detach();
    if (frames) await frames.stopNotifications().catch(() => undefined);
    device?.gatt?.disconnect();
  }

  private write(seq: number): Promise<void> {
    const characteristic = this.ackCharacteristic;
    if (!characteristic) return Promise.resolve();
    this.writes = this.writes.catch(() => undefined).then(() => characteristic.writeValueWithResponse(u32le(seq)));
    return this.writes;
  }
}

/**
 * Moves a frame `seconds` later by rewriting its `t` and recomputing its CRC, so that the shifted frame is a valid
 * frame of its own and goes through the very decoder a wearable's frames go through. A frame that does not decode
 * is passed on unchanged, to be rejected as the wearable's would be.
 */
export function shiftFrame(bytes: Uint8Array, seconds: number): Uint8Array {
  if (seconds % EPOCH_SECONDS !== 0) throw new Error('A shift must keep epochs on minute starts');
  try {
    decodeFrame(bytes);
  } catch {
    return bytes;
  }
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  view.setUint32(10, view.getUint32(10, true) + seconds, true);
  view.setUint16(out.length - FRAME_CRC_LEN, crc16(out, out.length - FRAME_CRC_LEN), true);
  return out;
}

/** The shift that makes a recording end with the last whole minute before `nowMs` (the server refuses old data). */
export function shiftToNow(framesHex: readonly string[], nowMs: number): number {
  let end = 0;
  for (const hex of framesHex) {
    const frame = decodeFrame(hexToBytes(hex));
    end = Math.max(end, frame.t + EPOCH_SECONDS * (frame.epochs.length - 1));
  }
  const lastWholeMinute = Math.floor(nowMs / 1000 / EPOCH_SECONDS) * EPOCH_SECONDS - EPOCH_SECONDS;
  return lastWholeMinute - end;
}

export interface ReplayOptions {
  /** Seconds added to every frame's `t`; 0 plays the recording byte for byte. */
  readonly shiftSeconds?: number;
  /** Pause between frames, so that the screen shows progress as with a wearable. */
  readonly intervalMs?: number;
}

/** Plays recorded frames (hex, as in firmware/test-vectors) once, in order. */
export class ReplaySource implements FrameSource {
  readonly kind = 'replay';
  private stopped = false;
  /** The last acknowledgement; a recording does not resend, so it is only kept to be shown. */
  acknowledged = 0;

  constructor(
    private readonly framesHex: readonly string[],
    private readonly options: ReplayOptions = {},
  ) {}

  async start(onFrame: (bytes: Uint8Array) => void): Promise<void> {
    this.stopped = false;
    const shift = this.options.shiftSeconds ?? 0;
    for (const [i, hex] of this.framesHex.entries()) {
      if (this.stopped) return;
      const bytes = hexToBytes(hex);
      onFrame(shift === 0 ? bytes : shiftFrame(bytes, shift));
      if (this.options.intervalMs && i < this.framesHex.length - 1) {
        await new Promise((resolve) => setTimeout(resolve, this.options.intervalMs));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  async acknowledge(seq: number): Promise<void> {
    this.acknowledged = seq;
  }
}

/** The frames of a recording in the golden-vector format (`{ frames: [{ hex }] }`). */
export async function loadRecording(url: string, fetcher: typeof fetch = fetch): Promise<string[]> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`The recording could not be loaded (HTTP ${response.status})`);
  const json = (await response.json()) as { frames?: Array<{ hex?: unknown }> };
  const frames = (json.frames ?? []).map((f) => f.hex).filter((h): h is string => typeof h === 'string');
  if (frames.length === 0) throw new Error('The recording holds no frames');
  return frames;
}
