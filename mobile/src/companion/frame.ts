/**
 * Decoder of the wearable's BLE frames, version 1 (firmware/docs/FRAME.md), and their mapping to the upload epochs of
 * `/ingest/batches` (docs/INGEST.md). The firmware's codec (`src/frame.c`) is the reference: the same checks in the
 * same order with the same names, so a rejection reads the same on both sides.
 */
import type { UploadEpoch } from '../shared/types';

export const FRAME_VERSION = 1;
export const FRAME_HEADER_LEN = 14;
export const FRAME_CRC_LEN = 2;
export const EPOCH_WIRE_LEN = 12;
export const FRAME_MAX_EPOCHS = 19;
export const EPOCH_SECONDS = 60;

const NA_U16 = 0xffff;
const NA_U8 = 0xff;

export type FrameRejection = 'truncated' | 'unknown version' | 'bad epoch count' | 'trailing bytes' | 'CRC mismatch';

/** A frame the decoder refused; the phone drops it and does not acknowledge it, so the device sends it again. */
export class FrameError extends Error {
  constructor(readonly reason: FrameRejection) {
    super(`Frame rejected: ${reason}`);
    this.name = 'FrameError';
  }
}

/** One epoch in real units, `null` for "not available"; the field names of the golden vectors. */
export interface DecodedEpoch {
  readonly seq: number;
  readonly t: string;
  readonly hr: number | null;
  readonly rmssd: number | null;
  readonly eda: number | null;
  readonly activity: number | null;
  readonly scr: number | null;
  readonly wear: boolean;
  readonly quality: number;
  readonly stress: number | null;
  readonly anomaly: number | null;
}

export interface DecodedFrame {
  readonly version: number;
  /** The wearable's own id, 8 upper-case hex digits (e.g. `5A4D0001`); not the paired deviceId of the server. */
  readonly deviceId: string;
  readonly seq: number;
  /** Unix seconds of the first epoch's start. */
  readonly t: number;
  readonly epochs: readonly DecodedEpoch[];
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, xorout 0): check("123456789") = 0x29B1. */
export function crc16(bytes: Uint8Array, end: number = bytes.length): number {
  let crc = 0xffff;
  for (let i = 0; i < end; i++) {
    crc ^= (bytes[i] ?? 0) << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function frameLength(count: number): number {
  return FRAME_HEADER_LEN + EPOCH_WIRE_LEN * count + FRAME_CRC_LEN;
}

/** ISO-8601 UTC without milliseconds, as the API and the golden vectors write minutes. */
export function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Checks, in FRAME.md's order: length, version, count, exact length, CRC. Throws {@link FrameError}.
 * Scaled units are divided (not multiplied by 0.1) so that 476 gives the double nearest to 47.6, as JSON's `47.6` does.
 */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  if (bytes.length < FRAME_HEADER_LEN + FRAME_CRC_LEN) throw new FrameError('truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== FRAME_VERSION) throw new FrameError('unknown version');
  const count = view.getUint8(1);
  if (count === 0 || count > FRAME_MAX_EPOCHS) throw new FrameError('bad epoch count');
  const expected = frameLength(count);
  if (bytes.length < expected) throw new FrameError('truncated');
  if (bytes.length > expected) throw new FrameError('trailing bytes');
  if (crc16(bytes, expected - FRAME_CRC_LEN) !== view.getUint16(expected - FRAME_CRC_LEN, true)) {
    throw new FrameError('CRC mismatch');
  }
  const deviceId = view.getUint32(2, true).toString(16).toUpperCase().padStart(8, '0');
  const seq = view.getUint32(6, true);
  const t = view.getUint32(10, true);
  const epochs: DecodedEpoch[] = [];
  for (let k = 0; k < count; k++) {
    const o = FRAME_HEADER_LEN + EPOCH_WIRE_LEN * k;
    const u16 = (at: number): number | null => {
      const v = view.getUint16(o + at, true);
      return v === NA_U16 ? null : v;
    };
    const u8 = (at: number): number | null => {
      const v = view.getUint8(o + at);
      return v === NA_U8 ? null : v;
    };
    const hr = u16(0);
    const rmssd = u16(2);
    const eda = u16(4);
    const stress = u8(10);
    const anomaly = u8(11);
    const wearQuality = view.getUint8(o + 9);
    epochs.push({
      seq: seq + k,
      t: isoSeconds(t + EPOCH_SECONDS * k),
      hr: hr === null ? null : hr / 10,
      rmssd: rmssd === null ? null : rmssd / 10,
      eda: eda === null ? null : eda / 1000,
      activity: u16(6),
      scr: u8(8),
      wear: (wearQuality & 0x80) !== 0,
      quality: (wearQuality & 0x7f) / 100,
      stress: stress === null ? null : stress / 200,
      anomaly: anomaly === null ? null : anomaly / 200,
    });
  }
  return { version, deviceId, seq, t, epochs };
}

/**
 * The server's ranges (INGEST.md, "Fields"). The wire format can carry more (a saturated u16 reads 6553.4 bpm, the
 * quality byte up to 1.27), and one such value would get the whole batch refused with 400 and parked for good.
 */
export const UPLOAD_RANGES = {
  hr: [25, 250],
  rmssd: [0, 1000],
  eda: [0, 100],
  activity: [0, 65535],
  stress: [0, 1],
  quality: [0, 1],
  scr: [0, 254],
  anomaly: [0, 1],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * The upload epoch of INGEST.md: `null` fields, and values the server would refuse, are left out (the minute goes up
 * with what is valid); `wear`, `scr`, `anomaly` and `seq` go up as they are.
 */
export function toUploadEpoch(e: DecodedEpoch): UploadEpoch {
  const out: Record<string, unknown> = { t: e.t };
  const put = (field: keyof typeof UPLOAD_RANGES, value: number | null) => {
    const [min, max] = UPLOAD_RANGES[field];
    if (value !== null && value >= min && value <= max) out[field] = value;
  };
  put('hr', e.hr);
  put('rmssd', e.rmssd);
  put('eda', e.eda);
  put('activity', e.activity);
  put('stress', e.stress);
  put('quality', e.quality);
  put('scr', e.scr);
  out.wear = e.wear;
  put('anomaly', e.anomaly);
  out.seq = e.seq;
  return out as unknown as UploadEpoch;
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('Not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Epochs the wearable numbered but never sent: a jump in `seq` between frames (FRAME.md). */
export interface Gap {
  readonly count: number;
  readonly fromSeq: number;
  readonly toSeq: number;
}

/**
 * Follows `seq` across frames. A forward jump is a loss (the device starts a new frame after records it could not
 * keep); a step back is a resend or reused numbers (STORAGE.md's known limit) and loses nothing.
 */
export class GapTracker {
  constructor(private nextSeq: number | null = null) {}

  /** The gap before this frame, or null; then remembers where the frame ends. */
  observe(frame: Pick<DecodedFrame, 'seq' | 'epochs'>): Gap | null {
    const expected = this.nextSeq;
    this.nextSeq = frame.seq + frame.epochs.length;
    if (expected === null || frame.seq <= expected) return null;
    return { count: frame.seq - expected, fromSeq: expected, toSeq: frame.seq - 1 };
  }

  get expected(): number | null {
    return this.nextSeq;
  }
}
