/**
 * The companion's offline queue in IndexedDB (docs/INGEST.md, "The phone's side"). Epochs from the wearable land in an
 * open buffer; a batch is formed from it with its batch id chosen once and stored with it, so that every retry, also
 * after a crash, sends the same id and the same content. A batch leaves only after the server's 200 for it.
 * Each change is one IndexedDB transaction, so a crash leaves either the old or the new state.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { BatchAnswer, UploadEpoch } from '../shared/types';
import type { Gap } from './frame';

export const DEFAULT_DB_NAME = 'zenmoon-companion';
/** An upload window's worth at most; far below the server's 4,320 epochs and 1 MiB. */
export const MAX_BATCH_EPOCHS = 720;
/** 7 days of minutes (INGEST.md, "How far to buffer"); beyond it the oldest are dropped and the screen says so. */
export const CAP_EPOCHS = 10_080;
/** A live wearable's epochs go up at least this often (INGEST.md: "every 15 minutes while online"). */
export const UPLOAD_WINDOW_MS = 15 * 60 * 1000;
export const SENT_HISTORY = 50;

export interface LastError {
  readonly at: number;
  /** HTTP status, 0 for no answer. */
  readonly status: number;
  readonly message: string;
}

export interface QueuedBatch {
  readonly batchId: string;
  readonly deviceId: string;
  readonly epochs: readonly UploadEpoch[];
  readonly createdAt: number;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: LastError | null;
  readonly state: 'queued' | 'rejected';
  /** Sending order: [formed counter] and, for halves of a split batch, [..., 0|1], so halves keep their place. */
  readonly order: number[];
}

export interface SentRecord {
  readonly batchId: string;
  readonly epochs: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly at: number;
}

/** The phone's pairing; the device token is kept here only, in this origin's IndexedDB. */
export interface Pairing {
  readonly deviceId: string;
  readonly deviceToken: string;
  readonly childId: string;
  readonly pairedAt: number;
}

/**
 * The highest seq of one wearable up to which the phone holds every epoch (FRAME.md, "Acknowledgement"). Kept per
 * wearable id: another wearable told this seq would never send its first minutes. A recording's acks are kept
 * apart (`replay`), since a recording may carry the id of a real wearable.
 */
export interface AckState {
  readonly wearableId: string;
  readonly seq: number;
  readonly replay?: boolean;
}

const ackKey = (wearableId: string, replay: boolean): string => `ack:${replay ? 'replay:' : ''}${wearableId}`;
const bleKey = (bleDeviceId: string): string => `ble:${bleDeviceId}`;

export interface Totals {
  readonly accepted: number;
  readonly duplicates: number;
  readonly lostEpochs: number;
  readonly lastGap: Gap | null;
  readonly droppedEpochs: number;
  readonly lastDroppedAt: number | null;
}

export interface QueueStatus {
  readonly pairing: Omit<Pairing, 'deviceToken'> | null;
  readonly queuedEpochs: number;
  readonly queuedBatches: number;
  readonly rejectedBatches: number;
  readonly rejectedEpochs: number;
  readonly totals: Totals;
  readonly lastError: LastError | null;
  readonly nextAttemptAt: number | null;
  readonly sent: readonly SentRecord[];
  /** The last acknowledgement stored, of whichever wearable or recording. */
  readonly ack: AckState | null;
}

interface OpenEpoch {
  readonly epoch: UploadEpoch;
  readonly appendedAt: number;
}

interface CompanionSchema extends DBSchema {
  batches: { key: string; value: QueuedBatch; indexes: { order: number[] } };
  open: { key: number; value: OpenEpoch };
  sent: { key: number; value: SentRecord };
  meta: { key: string; value: unknown };
}

type Tx = IDBPTransaction<CompanionSchema, ArrayLike<StoreNames<CompanionSchema>>, 'readwrite'>;

const NO_TOTALS: Totals = { accepted: 0, duplicates: 0, lostEpochs: 0, lastGap: null, droppedEpochs: 0, lastDroppedAt: null };

export interface QueueOptions {
  readonly dbName?: string;
  readonly maxBatchEpochs?: number;
  readonly capEpochs?: number;
  readonly windowMs?: number;
  readonly sentHistory?: number;
  readonly newId?: () => string;
}

export class HeldDataError extends Error {
  constructor() {
    super("This phone still holds another child's minutes that have not gone up yet");
    this.name = 'HeldDataError';
  }
}

export class Queue {
  private readonly maxBatch: number;
  private readonly cap: number;
  private readonly windowMs: number;
  private readonly history: number;
  private readonly newId: () => string;

  private constructor(
    private readonly db: IDBPDatabase<CompanionSchema>,
    options: QueueOptions,
  ) {
    this.maxBatch = options.maxBatchEpochs ?? MAX_BATCH_EPOCHS;
    this.cap = options.capEpochs ?? CAP_EPOCHS;
    this.windowMs = options.windowMs ?? UPLOAD_WINDOW_MS;
    this.history = options.sentHistory ?? SENT_HISTORY;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  static async open(options: QueueOptions = {}): Promise<Queue> {
    const db = await openDB<CompanionSchema>(options.dbName ?? DEFAULT_DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('batches', { keyPath: 'batchId' }).createIndex('order', 'order');
        d.createObjectStore('open', { autoIncrement: true });
        d.createObjectStore('sent', { autoIncrement: true });
        d.createObjectStore('meta');
      },
    });
    return new Queue(db, options);
  }

  close(): void {
    this.db.close();
  }

  async pairing(): Promise<Pairing | null> {
    return ((await this.db.get('meta', 'pairing')) as Pairing | undefined) ?? null;
  }

  /**
   * Pairs this phone; queued batches then go up under the new device (the server knows batch ids per device, and a
   * minute stored before counts as a duplicate). Refused while epochs of another child still wait to go up: they must
   * never be uploaded as this child's.
   */
  async setPairing(pairing: Pairing): Promise<void> {
    const tx = this.db.transaction(['batches', 'open', 'meta'], 'readwrite');
    const before = (await tx.objectStore('meta').get('pairing')) as Pairing | undefined;
    const batches = await tx.objectStore('batches').getAll();
    const queued = batches.filter((b) => b.state === 'queued');
    if (before && before.childId !== pairing.childId && (queued.length > 0 || (await tx.objectStore('open').count()) > 0)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new HeldDataError();
    }
    for (const b of queued) await tx.objectStore('batches').put({ ...b, deviceId: pairing.deviceId });
    await tx.objectStore('meta').put(pairing, 'pairing');
    await tx.done;
  }

  /** Whether pairing for `childId` would be refused (see {@link setPairing}). */
  async holdsDataOfAnother(childId: string): Promise<boolean> {
    const status = await this.status();
    return status.pairing !== null && status.pairing.childId !== childId && status.queuedEpochs > 0;
  }

  /** The acknowledgement of this wearable (or of a recording with this id, `replay`), or null. */
  async ack(wearableId: string, replay = false): Promise<AckState | null> {
    return ((await this.db.get('meta', ackKey(wearableId, replay))) as AckState | undefined) ?? null;
  }

  /**
   * The seq to write when a wearable connects over Bluetooth (FRAME.md: "0 if it has nothing"). Its wearable id comes
   * only with its first frame, so this is the ack of the wearable this Bluetooth device sent frames of before, and 0
   * for a device never seen (or a browser that gives no device id).
   */
  async ackOnConnect(bleDeviceId: string | null): Promise<number> {
    if (bleDeviceId === null) return 0;
    const wearableId = (await this.db.get('meta', bleKey(bleDeviceId))) as string | undefined;
    if (wearableId === undefined) return 0;
    return (await this.ack(wearableId))?.seq ?? 0;
  }

  /**
   * Stores the epochs of one decoded frame, the new acknowledgement and a gap before it, together, and which wearable
   * id the Bluetooth device that sent it has; then forms full batches and keeps the cap. The caller acknowledges to
   * the wearable only after this resolves.
   */
  async append(
    epochs: readonly UploadEpoch[],
    ack: AckState,
    gap: Gap | null,
    now: number,
    bleDeviceId: string | null = null,
  ): Promise<void> {
    const tx = this.db.transaction(['open', 'batches', 'meta'], 'readwrite');
    const open = tx.objectStore('open');
    for (const epoch of epochs) await open.add({ epoch, appendedAt: now });
    await tx.objectStore('meta').put(ack, ackKey(ack.wearableId, ack.replay === true));
    await tx.objectStore('meta').put(ack, 'ack');
    if (bleDeviceId !== null && ack.replay !== true) await tx.objectStore('meta').put(ack.wearableId, bleKey(bleDeviceId));
    if (gap !== null) {
      const totals = await this.totalsIn(tx);
      await tx.objectStore('meta').put({ ...totals, lostEpochs: totals.lostEpochs + gap.count, lastGap: gap }, 'totals');
    }
    await this.formIn(tx, now, false);
    await this.keepCapIn(tx, now);
    await tx.done;
  }

  /** Forms batches of the open buffer: full ones always, the rest when `force` or the upload window has passed. */
  async form(now: number, force: boolean): Promise<number> {
    const tx = this.db.transaction(['open', 'batches', 'meta'], 'readwrite');
    const formed = await this.formIn(tx, now, force);
    await tx.done;
    return formed;
  }

  /** When the open buffer's oldest epoch is due to go up, or null when it is empty. */
  async nextFormAt(): Promise<number | null> {
    const cursor = await this.db.transaction('open').store.openCursor();
    return cursor ? cursor.value.appendedAt + this.windowMs : null;
  }

  /** The oldest batch still to send. */
  async head(): Promise<QueuedBatch | null> {
    let cursor = await this.db.transaction('batches').store.index('order').openCursor();
    while (cursor) {
      if (cursor.value.state === 'queued') return cursor.value;
      cursor = await cursor.continue();
    }
    return null;
  }

  async batches(): Promise<QueuedBatch[]> {
    return this.db.getAllFromIndex('batches', 'order');
  }

  /** The server's 200: the batch leaves the queue and its answer joins the history, in one transaction. */
  async acknowledge(batchId: string, answer: BatchAnswer, now: number): Promise<void> {
    const tx = this.db.transaction(['batches', 'sent', 'meta'], 'readwrite');
    const batch = await tx.objectStore('batches').get(batchId);
    await tx.objectStore('batches').delete(batchId);
    const sent = tx.objectStore('sent');
    await sent.add({
      batchId,
      epochs: batch?.epochs.length ?? answer.accepted + answer.duplicates,
      accepted: answer.accepted,
      duplicates: answer.duplicates,
      at: now,
    });
    let excess = (await sent.count()) - this.history;
    let cursor = await sent.openCursor();
    while (cursor && excess > 0) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
    const totals = await this.totalsIn(tx);
    await tx.objectStore('meta').put(
      { ...totals, accepted: totals.accepted + answer.accepted, duplicates: totals.duplicates + answer.duplicates },
      'totals',
    );
    await tx.done;
  }

  /** A failed attempt that will be retried: the batch keeps its id and content. */
  async recordFailure(batchId: string, error: LastError, nextAttemptAt: number): Promise<void> {
    await this.update(batchId, (b) => ({ ...b, attempts: b.attempts + 1, nextAttemptAt, lastError: error }), error);
  }

  /** Moves a waiting batch's next attempt up to `at` (the browser is online again), never later than planned. */
  async retrySooner(batchId: string, at: number): Promise<void> {
    await this.update(batchId, (b) => ({ ...b, nextAttemptAt: Math.min(b.nextAttemptAt, at) }), null);
  }

  /** 400: the batch will never be accepted as it is; it stays, listed as rejected, and the queue goes on. */
  async reject(batchId: string, error: LastError): Promise<void> {
    await this.update(batchId, (b) => ({ ...b, state: 'rejected', lastError: error }), error);
  }

  /** 413: the batch becomes two halves, each with a new id, in place of it; false when it cannot be split. */
  async split(batchId: string, error: LastError, now: number): Promise<boolean> {
    const tx = this.db.transaction(['batches', 'meta'], 'readwrite');
    const store = tx.objectStore('batches');
    const batch = await store.get(batchId);
    if (!batch || batch.epochs.length < 2) {
      await tx.done;
      return false;
    }
    const middle = Math.ceil(batch.epochs.length / 2);
    const halves = [batch.epochs.slice(0, middle), batch.epochs.slice(middle)];
    await store.delete(batchId);
    for (const [i, epochs] of halves.entries()) {
      await store.put({
        ...batch,
        batchId: this.newId(),
        epochs,
        createdAt: now,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: error,
        order: [...batch.order, i],
      });
    }
    await tx.objectStore('meta').put(error, 'lastError');
    await tx.done;
    return true;
  }

  async status(): Promise<QueueStatus> {
    const tx = this.db.transaction(['batches', 'open', 'sent', 'meta']);
    const batches = await tx.objectStore('batches').index('order').getAll();
    const openCount = await tx.objectStore('open').count();
    const sent = await tx.objectStore('sent').getAll();
    const pairing = ((await tx.objectStore('meta').get('pairing')) as Pairing | undefined) ?? null;
    const totals = ((await tx.objectStore('meta').get('totals')) as Totals | undefined) ?? NO_TOTALS;
    const lastError = ((await tx.objectStore('meta').get('lastError')) as LastError | undefined) ?? null;
    const ack = ((await tx.objectStore('meta').get('ack')) as AckState | undefined) ?? null;
    await tx.done;
    const queued = batches.filter((b) => b.state === 'queued');
    const rejected = batches.filter((b) => b.state === 'rejected');
    const pairingShown = pairing === null ? null : { deviceId: pairing.deviceId, childId: pairing.childId, pairedAt: pairing.pairedAt };
    return {
      pairing: pairingShown,
      queuedEpochs: openCount + queued.reduce((n, b) => n + b.epochs.length, 0),
      queuedBatches: queued.length,
      rejectedBatches: rejected.length,
      rejectedEpochs: rejected.reduce((n, b) => n + b.epochs.length, 0),
      totals,
      lastError,
      nextAttemptAt: queued[0] && queued[0].attempts > 0 ? queued[0].nextAttemptAt : null,
      sent: sent.reverse(),
      ack,
    };
  }

  private async update(batchId: string, change: (b: QueuedBatch) => QueuedBatch, error: LastError | null): Promise<void> {
    const tx = this.db.transaction(['batches', 'meta'], 'readwrite');
    const batch = await tx.objectStore('batches').get(batchId);
    if (batch) await tx.objectStore('batches').put(change(batch));
    if (error !== null) await tx.objectStore('meta').put(error, 'lastError');
    await tx.done;
  }

  private async totalsIn(tx: Tx): Promise<Totals> {
    return ((await tx.objectStore('meta').get('totals')) as Totals | undefined) ?? NO_TOTALS;
  }

  private async formIn(tx: Tx, now: number, force: boolean): Promise<number> {
    const pairing = (await tx.objectStore('meta').get('pairing')) as Pairing | undefined;
    if (!pairing) return 0; // a batch names the paired deviceId; until pairing the epochs wait in the buffer
    const open = tx.objectStore('open');
    let formed = 0;
    for (;;) {
      const count = await open.count();
      if (count === 0) break;
      const first = await open.openCursor();
      const due = count >= this.maxBatch || force || (first !== null && now - first.value.appendedAt >= this.windowMs);
      if (!due) break;
      const keys = await open.getAllKeys(undefined, this.maxBatch);
      const values = await open.getAll(undefined, this.maxBatch);
      const counter = ((await tx.objectStore('meta').get('counter')) as number | undefined) ?? 0;
      await tx.objectStore('meta').put(counter + 1, 'counter');
      await tx.objectStore('batches').put({
        batchId: this.newId(),
        deviceId: pairing.deviceId,
        epochs: values.map((v) => v.epoch),
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        state: 'queued',
        order: [counter],
      });
      for (const key of keys) await open.delete(key);
      formed++;
    }
    return formed;
  }

  /** Drops the oldest epochs beyond the cap: whole oldest batches, or the front of one (the rest gets a new id). */
  private async keepCapIn(tx: Tx, now: number): Promise<void> {
    const open = tx.objectStore('open');
    const batches = await tx.objectStore('batches').index('order').getAll();
    const held = (await open.count()) + batches.reduce((n, b) => n + b.epochs.length, 0);
    let excess = held - this.cap;
    if (excess <= 0) return;
    const dropped = excess;
    for (const batch of batches) {
      if (excess <= 0) break;
      await tx.objectStore('batches').delete(batch.batchId);
      if (batch.epochs.length > excess) {
        await tx.objectStore('batches').put({ ...batch, batchId: this.newId(), epochs: batch.epochs.slice(excess) });
        excess = 0;
      } else {
        excess -= batch.epochs.length;
      }
    }
    let cursor = await open.openCursor();
    while (cursor && excess > 0) {
      await cursor.delete();
      excess--;
      cursor = await cursor.continue();
    }
    const totals = await this.totalsIn(tx);
    await tx.objectStore('meta').put(
      { ...totals, droppedEpochs: totals.droppedEpochs + dropped, lastDroppedAt: now },
      'totals',
    );
  }
}
