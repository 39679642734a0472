import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FrameError,
  GapTracker,
  bytesToHex,
  crc16,
  decodeFrame,
  hexToBytes,
  toUploadEpoch,
  type DecodedEpoch,
} from '../src/companion/frame';

interface GoldenFile {
  readonly deviceId: string;
  readonly epochCount: number;
  readonly frames: ReadonlyArray<{
    readonly seq: number;
    readonly t: string;
    readonly count: number;
    readonly length: number;
    readonly hex: string;
    readonly epochs: readonly DecodedEpoch[];
  }>;
}

const golden = (name: string): GoldenFile =>
  JSON.parse(readFileSync(new URL(`../../firmware/test-vectors/${name}`, import.meta.url), 'utf8')) as GoldenFile;

const WORKED_EXAMPLE = '010101004d5a01000000e4e5006240039a0171000c0001d57a0a25fa';

function rejection(bytes: Uint8Array): string {
  try {
    decodeFrame(bytes);
  } catch (e) {
    if (e instanceof FrameError) return e.reason;
    throw e;
  }
  return 'accepted';
}

/** Sets the CRC of a (mutated) frame right, so that only the rule under test can reject it. */
function withCrc(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const crc = crc16(out, out.length - 2);
  out[out.length - 2] = crc & 0xff;
  out[out.length - 1] = crc >> 8;
  return out;
}

describe('CRC-16/CCITT-FALSE', () => {
  it('has the catalogue check value for "123456789"', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });
});

describe('decodeFrame on the golden vectors', () => {
  for (const name of ['golden_S01_excerpt.json', 'golden_S01.json']) {
    it(`decodes every frame of ${name} to the file's epochs, field by field`, () => {
      const file = golden(name);
      let epochs = 0;
      for (const f of file.frames) {
        const bytes = hexToBytes(f.hex);
        expect(bytes.length).toBe(f.length);
        const frame = decodeFrame(bytes);
        expect(frame.deviceId).toBe(file.deviceId);
        expect(frame.seq).toBe(f.seq);
        expect(frame.epochs.length).toBe(f.count);
        expect(frame.epochs[0]?.t).toBe(f.t);
        f.epochs.forEach((want, k) => {
          const got = frame.epochs[k];
          for (const field of Object.keys(want) as Array<keyof DecodedEpoch>) {
            expect(got?.[field], `${name} seq ${want.seq} ${field}`).toBe(want[field]);
          }
          expect(Object.keys(got ?? {}).sort()).toEqual(Object.keys(want).sort());
        });
        epochs += frame.epochs.length;
      }
      expect(epochs).toBe(file.epochCount);
    });
  }

  it('maps epochs to the upload epochs of INGEST.md', () => {
    const first = decodeFrame(hexToBytes(golden('golden_S01_excerpt.json').frames[0]!.hex));
    expect(first.epochs.slice(0, 3).map(toUploadEpoch)).toEqual([
      { t: '2022-02-07T09:27:00Z', quality: 0.0, wear: false, seq: 1 },
      {
        t: '2022-02-07T09:28:00Z', hr: 81.0, rmssd: 47.6, eda: 0.186, activity: 4, stress: 0.215,
        quality: 1.0, scr: 0, wear: true, anomaly: 0.025, seq: 2,
      },
      {
        t: '2022-02-07T09:29:00Z', hr: 67.9, rmssd: 42.4, eda: 0.196, activity: 0, stress: 0.145,
        quality: 1.0, scr: 0, wear: true, anomaly: 0.01, seq: 3,
      },
    ]);
  });
});

describe('decodeFrame on the worked example of FRAME.md', () => {
  it('reads every field', () => {
    const frame = decodeFrame(hexToBytes(WORKED_EXAMPLE));
    expect(frame).toEqual({
      version: 1,
      deviceId: '5A4D0001',
      seq: 1,
      t: 1644226020,
      epochs: [
        {
          seq: 1, t: '2022-02-07T09:27:00Z', hr: 83.2, rmssd: 41.0, eda: 0.113, activity: 12, scr: 1,
          wear: true, quality: 0.85, stress: 0.61, anomaly: 0.05,
        },
      ],
    });
    expect(bytesToHex(hexToBytes(WORKED_EXAMPLE))).toBe(WORKED_EXAMPLE);
  });

  it('rejects with the rules of FRAME.md, in their order', () => {
    const good = hexToBytes(WORKED_EXAMPLE);
    expect(rejection(good)).toBe('accepted');
    expect(rejection(good.slice(0, 15))).toBe('truncated');
    // a wrong version wins over a count and a length that are wrong as well: nothing after it is read
    const v2 = good.slice(0, 20);
    v2[1] = 0;
    v2[0] = 2;
    expect(rejection(v2)).toBe('unknown version');
    const zero = good.slice();
    zero[1] = 0;
    expect(rejection(withCrc(zero))).toBe('bad epoch count');
    const twenty = good.slice();
    twenty[1] = 20;
    expect(rejection(withCrc(twenty))).toBe('bad epoch count');
    const two = good.slice();
    two[1] = 2; // says two epochs, holds one
    expect(rejection(two)).toBe('truncated');
    expect(rejection(withCrc(Uint8Array.of(...good.slice(0, 26), 0, ...good.slice(26))))).toBe('trailing bytes');
    const flipped = good.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 0x01;
    expect(rejection(flipped)).toBe('CRC mismatch');
    const crcFlipped = good.slice();
    crcFlipped[27] = (crcFlipped[27] ?? 0) ^ 0x80;
    expect(rejection(crcFlipped)).toBe('CRC mismatch');
  });

  it('reads the "not available" sentinels as null and the wear bit alone', () => {
    const bytes = hexToBytes(WORKED_EXAMPLE);
    bytes.fill(0xff, 14, 22); // hr, rmssd, eda, activity
    bytes[22] = 0xff; // scr
    bytes[23] = 0x00; // not worn, quality 0
    bytes[24] = 0xff;
    bytes[25] = 0xff;
    const e = decodeFrame(withCrc(bytes)).epochs[0]!;
    expect(e).toEqual({
      seq: 1, t: '2022-02-07T09:27:00Z', hr: null, rmssd: null, eda: null, activity: null, scr: null,
      wear: false, quality: 0, stress: null, anomaly: null,
    });
    expect(toUploadEpoch(e)).toEqual({ t: '2022-02-07T09:27:00Z', quality: 0, wear: false, seq: 1 });
  });
});

describe('toUploadEpoch and the server\'s ranges', () => {
  /** The worked example with its one epoch's fields set: u16 hr, rmssd, eda; u8 wear|quality, stress, anomaly. */
  function epochWith(v: { hr: number; rmssd: number; eda: number; wearQuality: number; stress: number; anomaly: number }) {
    const bytes = hexToBytes(WORKED_EXAMPLE);
    const view = new DataView(bytes.buffer);
    view.setUint16(14, v.hr, true);
    view.setUint16(16, v.rmssd, true);
    view.setUint16(18, v.eda, true);
    bytes[23] = v.wearQuality;
    bytes[24] = v.stress;
    bytes[25] = v.anomaly;
    return decodeFrame(withCrc(bytes)).epochs[0]!;
  }

  it('leaves out a saturated or out-of-range value, keeps it decoded, and sends the rest of the minute', () => {
    const e = epochWith({ hr: 0xfffe, rmssd: 0xfffe, eda: 0xfffe, wearQuality: 0x80 | 127, stress: 254, anomaly: 201 });
    expect([e.hr, e.rmssd, e.eda, e.quality, e.stress, e.anomaly]).toEqual([6553.4, 6553.4, 65.534, 1.27, 1.27, 1.005]);
    expect(toUploadEpoch(e)).toEqual({ t: '2022-02-07T09:27:00Z', eda: 65.534, activity: 12, scr: 1, wear: true, seq: 1 });
    const slow = epochWith({ hr: 249, rmssd: 10001, eda: 1, wearQuality: 101, stress: 201, anomaly: 0 });
    expect(toUploadEpoch(slow)).toEqual({ t: '2022-02-07T09:27:00Z', eda: 0.001, activity: 12, scr: 1, wear: false, anomaly: 0, seq: 1 });
  });

  it('keeps values on the bounds of the ranges', () => {
    const low = epochWith({ hr: 250, rmssd: 0, eda: 0, wearQuality: 0, stress: 0, anomaly: 0 });
    expect(toUploadEpoch(low)).toEqual({
      t: '2022-02-07T09:27:00Z', hr: 25, rmssd: 0, eda: 0, activity: 12, stress: 0, quality: 0, scr: 1, wear: false, anomaly: 0, seq: 1,
    });
    const high = epochWith({ hr: 2500, rmssd: 10000, eda: 0, wearQuality: 0x80 | 100, stress: 200, anomaly: 200 });
    expect(toUploadEpoch(high)).toEqual({
      t: '2022-02-07T09:27:00Z', hr: 250, rmssd: 1000, eda: 0, activity: 12, stress: 1, quality: 1, scr: 1, wear: true, anomaly: 1, seq: 1,
    });
  });
});

describe('GapTracker', () => {
  const frame = (seq: number, n: number) => ({ seq, epochs: new Array<DecodedEpoch>(n) });

  it('reports a jump in seq as lost epochs, with their range', () => {
    const gaps = new GapTracker();
    expect(gaps.observe(frame(1, 19))).toBeNull();
    expect(gaps.observe(frame(20, 19))).toBeNull();
    expect(gaps.observe(frame(45, 3))).toEqual({ count: 6, fromSeq: 39, toSeq: 44 });
    expect(gaps.expected).toBe(48);
  });

  it('loses nothing when seq steps back (a resend, or reused numbers)', () => {
    const gaps = new GapTracker(40);
    expect(gaps.observe(frame(30, 19))).toBeNull();
    expect(gaps.observe(frame(49, 1))).toBeNull();
    expect(gaps.expected).toBe(50);
  });

  it('finds no gap in the golden recording', () => {
    const gaps = new GapTracker();
    const lost = golden('golden_S01.json').frames.map((f) => gaps.observe(decodeFrame(hexToBytes(f.hex))));
    expect(lost).toEqual([null, null, null]);
  });
});
