/**
 * From a frame's bytes to the queue and back to the wearable: decode, note a gap, store, then acknowledge (FRAME.md:
 * the phone acknowledges only what it has stored, so a frame lost on the way is sent again). Frames are handled one
 * after the other, in the order they came, because the acknowledgement and the gap tracking depend on that order.
 */
import { FrameError, GapTracker, decodeFrame, toUploadEpoch, type DecodedFrame, type FrameRejection, type Gap } from './frame';
import type { Queue } from './queue';
import type { FrameSource } from './source';

export interface CollectorEvents {
  readonly onStored?: (frame: DecodedFrame, gap: Gap | null) => void;
  readonly onRejected?: (reason: FrameRejection) => void;
  readonly onFailed?: (error: unknown) => void;
}

export class Collector {
  private chain: Promise<void> = Promise.resolve();
  private tracker: GapTracker | null = null;
  private wearableId: string | null = null;
  private source: FrameSource | null = null;
  /**
   * The newest epoch stored from this source and wearable (its seq and start, epoch ms): a frame sent again (after a
   * Bluetooth reconnect the wearable resends from the seq it was told) is not stored twice. An epoch counts as held
   * only when both its seq and its time are not past these, so a wearable whose seq starts again loses nothing.
   */
  private held: { seq: number; t: number } | null = null;
  framesStored = 0;
  framesRejected = 0;

  constructor(
    private readonly queue: Queue,
    private readonly now: () => number = () => Date.now(),
    private readonly events: CollectorEvents = {},
  ) {}

  /** The `onFrame` to give a source: frames are queued for handling in arrival order. */
  listener(source: FrameSource): (bytes: Uint8Array) => void {
    return (bytes) => {
      this.chain = this.chain.then(() => this.handle(bytes, source)).catch((e: unknown) => this.events.onFailed?.(e));
    };
  }

  /** Resolves when every frame handed over so far is stored (or refused). */
  idle(): Promise<void> {
    return this.chain;
  }

  private async handle(bytes: Uint8Array, source: FrameSource): Promise<void> {
    let frame: DecodedFrame;
    try {
      frame = decodeFrame(bytes);
    } catch (e) {
      if (!(e instanceof FrameError)) throw e;
      this.framesRejected++;
      this.events.onRejected?.(e.reason);
      return; // not acknowledged: the wearable sends it again
    }
    const replay = source.kind === 'replay';
    if (this.tracker === null || this.wearableId !== frame.deviceId || this.source !== source) {
      const ack = await this.queue.ack(frame.deviceId, replay);
      this.wearableId = frame.deviceId;
      this.source = source;
      this.tracker = new GapTracker(ack !== null ? ack.seq + 1 : null);
      this.held = null;
    }
    const held = this.held;
    const epochs = held === null ? frame.epochs : frame.epochs.filter((e) => e.seq > held.seq || Date.parse(e.t) > held.t);
    const last = frame.seq + frame.epochs.length - 1;
    if (epochs.length === 0) {
      // All held already: acknowledged again (never below what is held), so that the wearable goes on.
      await source.acknowledge(Math.max(last, held!.seq));
      return;
    }
    const kept = epochs === frame.epochs ? frame : { ...frame, seq: epochs[0]!.seq, epochs };
    const gap = this.tracker.observe(kept);
    const ack = replay ? { wearableId: frame.deviceId, seq: last, replay } : { wearableId: frame.deviceId, seq: last };
    await this.queue.append(kept.epochs.map(toUploadEpoch), ack, gap, this.now(), source.bleDeviceId ?? null);
    const newest = kept.epochs[kept.epochs.length - 1]!;
    this.held = { seq: Math.max(newest.seq, held?.seq ?? 0), t: Math.max(Date.parse(newest.t), held?.t ?? 0) };
    this.framesStored++;
    await source.acknowledge(last);
    this.events.onStored?.(frame, gap);
  }
}
