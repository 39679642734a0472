import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HeldDataError, Queue, type QueueOptions } from '../src/companion/queue';
import { T0, epochs, freshDbName } from './companion-helpers';

async function pairedQueue(options: QueueOptions = {}): Promise<Queue> {
  const queue = await Queue.open({ dbName: freshDbName('queue-test'), ...options });
  await queue.setPairing({ deviceId: 'dev-1', deviceToken: 'zmd.t.dev-1.secret', childId: 'child-1', pairedAt: T0 });
  return queue;
}

const ack = (seq: number) => ({ wearableId: '5A4D0001', seq });

describe('Queue', () => {
  it('keeps epochs in an open buffer and forms batches of at most the window size, each with its own id', async () => {
    const queue = await pairedQueue({ maxBatchEpochs: 20 });
    await queue.append(epochs(1, 19), ack(19), null, T0);
    expect(await queue.batches()).toEqual([]);
    expect((await queue.status()).queuedEpochs).toBe(19);
    await queue.append(epochs(20, 19), ack(38), null, T0);
    const [full] = await queue.batches();
    expect(full?.epochs.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(full?.deviceId).toBe('dev-1');
    expect(full?.state).toBe('queued');
    expect(full?.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await queue.form(T0, true)).toBe(1);
    const batches = await queue.batches();
    expect(batches.map((b) => b.epochs.length)).toEqual([20, 18]);
    expect(batches[1]?.batchId).not.toBe(batches[0]?.batchId);
    expect((await queue.status()).queuedEpochs).toBe(38);
    expect(await queue.ack('5A4D0001')).toEqual(ack(38));
  });

  it('forms the rest when the upload window has passed, and not before', async () => {
    const queue = await pairedQueue({ windowMs: 60_000 });
    await queue.append(epochs(1, 3), ack(3), null, T0);
    expect(await queue.nextFormAt()).toBe(T0 + 60_000);
    expect(await queue.form(T0 + 59_999, false)).toBe(0);
    expect(await queue.form(T0 + 60_000, false)).toBe(1);
    expect(await queue.nextFormAt()).toBeNull();
  });

  it('holds epochs in the buffer until the phone is paired', async () => {
    const queue = await Queue.open({ dbName: freshDbName('queue-test') });
    await queue.append(epochs(1, 5), ack(5), null, T0);
    expect(await queue.form(T0, true)).toBe(0);
    await queue.setPairing({ deviceId: 'dev-9', deviceToken: 'x', childId: 'c', pairedAt: T0 });
    expect(await queue.form(T0, true)).toBe(1);
    expect((await queue.head())?.deviceId).toBe('dev-9');
  });

  it('keeps acks per wearable, a recording\'s apart, and gives a Bluetooth device only the ack of its own wearable', async () => {
    const queue = await pairedQueue();
    await queue.append(epochs(1, 3), { wearableId: '5A4D0002', seq: 3 }, null, T0, 'ble-B');
    await queue.append(epochs(4, 2), { wearableId: '5A4D0001', seq: 56, replay: true }, null, T0);
    await queue.append(epochs(6, 2), { wearableId: '5A4D0003', seq: 7 }, null, T0);
    expect(await queue.ack('5A4D0002')).toEqual({ wearableId: '5A4D0002', seq: 3 });
    expect(await queue.ack('5A4D0003')).toEqual({ wearableId: '5A4D0003', seq: 7 });
    expect(await queue.ack('5A4D0001')).toBeNull();
    expect(await queue.ack('5A4D0001', true)).toEqual({ wearableId: '5A4D0001', seq: 56, replay: true });
    expect(await queue.ackOnConnect('ble-B')).toBe(3);
    expect(await queue.ackOnConnect('ble-new')).toBe(0);
    expect(await queue.ackOnConnect(null)).toBe(0);
    // the band behind ble-B now sends as another wearable: it gets that wearable's ack from then on
    await queue.append(epochs(8, 1), { wearableId: '5A4D0003', seq: 8 }, null, T0, 'ble-B');
    expect(await queue.ackOnConnect('ble-B')).toBe(8);
    expect(await queue.ack('5A4D0002')).toEqual({ wearableId: '5A4D0002', seq: 3 });
  });

  it('counts lost epochs from gaps', async () => {
    const queue = await pairedQueue();
    await queue.append(epochs(1, 3), ack(3), null, T0);
    await queue.append(epochs(10, 3), ack(12), { count: 6, fromSeq: 4, toSeq: 9 }, T0);
    const { totals } = await queue.status();
    expect(totals.lostEpochs).toBe(6);
    expect(totals.lastGap).toEqual({ count: 6, fromSeq: 4, toSeq: 9 });
  });

  it('drops the oldest epochs beyond the cap and says how many', async () => {
    const queue = await pairedQueue({ maxBatchEpochs: 10, capEpochs: 25 });
    await queue.append(epochs(1, 19), ack(19), null, T0);
    await queue.append(epochs(20, 10), ack(29), null, T0 + 1000);
    const status = await queue.status();
    expect(status.queuedEpochs).toBe(25);
    expect(status.totals.droppedEpochs).toBe(4);
    expect(status.totals.lastDroppedAt).toBe(T0 + 1000);
    await queue.form(T0, true);
    const seqs = (await queue.batches()).flatMap((b) => b.epochs.map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, k) => k + 5));
  });

  it('removes a batch only on acknowledge, keeping the history and the totals', async () => {
    const queue = await pairedQueue({ sentHistory: 2 });
    for (let i = 0; i < 3; i++) {
      await queue.append(epochs(1 + 5 * i, 5), ack(5 + 5 * i), null, T0);
      await queue.form(T0, true);
    }
    const ids = (await queue.batches()).map((b) => b.batchId);
    for (const [i, id] of ids.entries()) {
      expect((await queue.head())?.batchId).toBe(id);
      await queue.acknowledge(id, { batchId: id, accepted: 5 - i, duplicates: i, clockSkewFlagged: false }, T0 + i);
    }
    const status = await queue.status();
    expect(status.queuedEpochs).toBe(0);
    expect(status.totals.accepted).toBe(12);
    expect(status.totals.duplicates).toBe(3);
    expect(status.sent.map((s) => s.batchId)).toEqual([ids[2], ids[1]]);
  });

  it('refuses to pair for another child while that child\'s epochs wait, and moves queued batches to a new device', async () => {
    const queue = await pairedQueue();
    await queue.append(epochs(1, 5), ack(5), null, T0);
    await queue.form(T0, true);
    expect(await queue.holdsDataOfAnother('child-2')).toBe(true);
    await expect(
      queue.setPairing({ deviceId: 'dev-2', deviceToken: 'y', childId: 'child-2', pairedAt: T0 }),
    ).rejects.toBeInstanceOf(HeldDataError);
    expect((await queue.pairing())?.deviceId).toBe('dev-1');
    await queue.setPairing({ deviceId: 'dev-3', deviceToken: 'z', childId: 'child-1', pairedAt: T0 });
    expect((await queue.head())?.deviceId).toBe('dev-3');
  });
});
