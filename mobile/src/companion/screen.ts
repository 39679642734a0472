/**
 * The child's companion screen: pair this phone (with a parent logged in here, or with the pairing link from the
 * parents' app or the portal, without one), take frames from the wearable (or a recording), and show what the
 * queue holds and what went up. Plain DOM; ids and `data-testid`s are stable for the browser test. The uploader runs
 * while the screen is mounted, and retries on its own (backoff timer, `online`), so nothing here has to be clicked
 * for queued minutes to go up.
 */
import './companion.css';
import { ApiError, type ApiClient } from '../shared/api';
import { ownApiBase, parsePairingLink } from '../shared/pairing-link';
import type { ChildSummary, DeviceSelf, PairAnswer } from '../shared/types';
import { Collector } from './collector';
import { HeldDataError, Queue, type Pairing, type QueueStatus } from './queue';
import {
  ReplaySource,
  WebBluetoothSource,
  loadRecording,
  shiftToNow,
  webBluetooth,
  type BluetoothLike,
  type FrameSource,
  type ReconnectOptions,
} from './source';
import { Uploader, type Trigger, type UploaderState } from './uploader';

export interface CompanionContext {
  readonly api: ApiClient;
  readonly children: ChildSummary[];
  /** Whether a parent is logged in on this phone (then it may pair for one of the children); true by default. */
  readonly loggedIn?: boolean;
  /** This app's own API base as an absolute URL (a pairing link must name it); this page's by default. */
  readonly apiBase?: string;
  /** For tests: another database, recording, Bluetooth, online trigger or replay pace. */
  readonly dbName?: string;
  readonly recordingUrl?: string;
  readonly fetchRecording?: typeof fetch;
  readonly bluetooth?: BluetoothLike | null;
  readonly online?: Trigger;
  readonly replayIntervalMs?: number;
  readonly reconnect?: ReconnectOptions;
}

const RECORDING_URL = `${import.meta.env.BASE_URL}replay/golden_S01.json`;

const STATE_TEXT: Record<UploaderState, string> = {
  idle: 'Up to date',
  sending: 'Sending…',
  waiting: 'Waiting to retry',
  'pair-again': 'This phone was unpaired: pair it again to go on uploading. The minutes are kept.',
  forbidden: 'ZenMoon does not accept data for this child (no collection consent). Uploads are paused; the minutes are kept.',
  stopped: 'Stopped',
};


/** Builds an element from a tag, attributes and children; ids double as `data-testid`s. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (attrs.id) el.dataset.testid = attrs.id;
  el.append(...children);
  return el;
}

const time = (ms: number): string => new Date(ms).toLocaleString();

const HELD_DATA = 'This phone still holds minutes of another child that have not gone up. Pair it for that child until they have.';

/** Why ZenMoon refused a pairing link's token, in words; nothing was stored. */
function linkRefused(e: unknown): string {
  if (e instanceof ApiError && e.offline) return 'No connection to ZenMoon: nothing was stored. Try again when the phone is online.';
  if (e instanceof ApiError && e.status === 401) {
    return 'ZenMoon refused this link: the wearable was unpaired, or the phone that took it has been paired again. Make a new code in the parents’ app.';
  }
  return `ZenMoon refused this link: ${e instanceof Error ? e.message : String(e)}${e instanceof ApiError ? ` (HTTP ${e.status})` : ''}. Nothing was stored.`;
}

export function mountCompanion(root: HTMLElement, ctx: CompanionContext): () => void {
  let disposed = false;
  let queue: Queue | null = null;
  let uploader: Uploader | null = null;
  let collector: Collector | null = null;
  let wearable: FrameSource | null = null;
  /** A wearable still connecting: left or logged out meanwhile, it is stopped too. */
  let connecting: WebBluetoothSource | null = null;
  let replay: ReplaySource | null = null;
  const bluetooth = ctx.bluetooth === undefined ? webBluetooth() : ctx.bluetooth;
  const recordingUrl = ctx.recordingUrl ?? RECORDING_URL;
  // loaded while online, so that a replay also works after the network is cut
  let recording: Promise<string[]> = loadRecording(recordingUrl, ctx.fetchRecording);
  recording.catch(() => undefined);

  const childSelect = h('select', { id: 'companion-child', name: 'child' }) as HTMLSelectElement;
  for (const child of ctx.children) childSelect.append(h('option', { value: child.childId }, child.pseudonym));
  const labelInput = h('input', { id: 'companion-label', name: 'label', type: 'text', value: 'Phone of the wearable', maxlength: '80', autocomplete: 'off' }) as HTMLInputElement;
  const pairButton = h('button', { id: 'companion-pair', type: 'submit' }, 'Pair this phone') as HTMLButtonElement;
  const pairForm = h(
    'form',
    { 'aria-labelledby': 'companion-pair-title' },
    h('label', { for: 'companion-child' }, 'Child'),
    childSelect,
    h('label', { for: 'companion-label' }, 'Name of this phone'),
    labelInput,
    pairButton,
  ) as HTMLFormElement;
  const device = h('p', { id: 'companion-device' }, 'This phone is not paired.');
  const loggedIn = ctx.loggedIn ?? true;
  if (!loggedIn) pairForm.hidden = true;
  const pairHint = h(
    'p',
    { id: 'companion-pair-hint', class: 'zm-note' },
    loggedIn
      ? 'Pair for one of your children here, or with a link from the parents’ app below.'
      : 'No parent is logged in on this phone: pair it with a link from the parents’ app below (a parent logged in here can also pair it directly).',
  );

  const linkInput = h('textarea', {
    id: 'companion-link-input',
    name: 'link',
    rows: '3',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    'aria-describedby': 'companion-link-note',
  }) as HTMLTextAreaElement;
  const linkButton = h('button', { id: 'companion-link-pair', type: 'submit' }, 'Pair with this link') as HTMLButtonElement;
  const linkForm = h(
    'form',
    { 'aria-labelledby': 'companion-link-title' },
    h('label', { for: 'companion-link-input' }, 'Pairing link (zenmoon://pair?…)'),
    linkInput,
    h(
      'p',
      { id: 'companion-link-note', class: 'zm-note' },
      'In the parents’ app: a child’s page, Pair a wearable. Copy the link it shows and paste it here. No parent needs to be logged in on this phone.',
    ),
    linkButton,
  ) as HTMLFormElement;

  const connectButton = h('button', { id: 'companion-connect', type: 'button', 'aria-describedby': 'companion-connect-note' }, 'Connect wearable') as HTMLButtonElement;
  const connectNote = h('p', { id: 'companion-connect-note', class: 'zm-note' });
  const replayButton = h('button', { id: 'companion-replay', type: 'button', 'aria-describedby': 'companion-replay-note' }, 'Replay recorded frames') as HTMLButtonElement;
  const replayNote = h('p', { id: 'companion-replay-note', class: 'zm-note' }, 'Plays a recorded hour of a wearable (Stress-Predict subject S01), moved to the last hour, as if the wearable had sent it.');
  const retryButton = h('button', { id: 'companion-retry', type: 'button', hidden: '' }, 'Try uploading again') as HTMLButtonElement;
  const progress = h('p', { id: 'companion-progress', role: 'status', 'aria-live': 'polite' });

  const field = (id: string, initial = '0') => h('span', { id }, initial);
  const f = {
    link: field('companion-link', 'Not connected'),
    upload: field('companion-upload-state', STATE_TEXT.idle),
    queued: field('companion-queued'),
    queuedBatches: field('companion-queued-batches'),
    sent: field('companion-sent'),
    duplicates: field('companion-duplicates'),
    lost: field('companion-lost'),
    lastGap: field('companion-last-gap', ''),
    rejected: field('companion-rejected'),
    rejectedEpochs: field('companion-rejected-epochs'),
    dropped: field('companion-dropped'),
    lastError: field('companion-last-error', 'None'),
    nextRetry: field('companion-next-retry', '—'),
  };
  const history = h('ul', { id: 'companion-history' });
  const row = (term: string, ...dd: Array<Node | string>) => [h('dt', {}, term), h('dd', {}, ...dd)];
  const status = h(
    'dl',
    {},
    ...row('Wearable', f.link),
    ...row('Uploads', f.upload),
    ...row('Queued', f.queued, ' minutes, ', f.queuedBatches, ' batches formed'),
    ...row('Sent', f.sent, ' minutes accepted'),
    ...row('Already stored', f.duplicates, ' minutes (duplicates)'),
    ...row('Lost on the way', f.lost, ' minutes ', f.lastGap),
    ...row('Rejected', f.rejected, ' batches (', f.rejectedEpochs, ' minutes)'),
    ...row('Dropped (over 7 days)', f.dropped, ' minutes'),
    ...row('Last error', f.lastError),
    ...row('Next retry', f.nextRetry),
  );

  const section = (id: string, title: string, ...children: Array<Node | string>) =>
    h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
  const view = h(
    'section',
    { class: 'zm-companion', 'aria-labelledby': 'companion-title' },
    h('h1', { id: 'companion-title' }, 'Wearable companion'),
    section('companion-pair-title', 'Pair this phone', device, pairHint, pairForm),
    section('companion-link-title', 'Pair with a code from the parents’ app', linkForm),
    section('companion-wearable-title', 'Wearable', connectButton, connectNote, replayButton, replayNote, retryButton),
    progress,
    section('companion-status-title', 'Status', status, h('h3', {}, 'Last uploads'), history),
  );
  root.replaceChildren(view);

  const say = (text: string) => {
    progress.textContent = text;
  };

  let refreshing = false;
  let dirty = false;
  /** Shows the queue's state; calls while one runs are folded into one more run. */
  const refresh = async (): Promise<void> => {
    if (refreshing) {
      dirty = true;
      return;
    }
    refreshing = true;
    try {
      do {
        dirty = false;
        if (disposed || queue === null) return;
        render(await queue.status());
      } while (dirty);
    } finally {
      refreshing = false;
    }
  };

  let shownPairing = false;
  const render = (s: QueueStatus) => {
    if (disposed) return;
    const paired = s.pairing !== null;
    const child = ctx.children.find((c) => c.childId === s.pairing?.childId);
    device.textContent = paired
      ? `Paired for ${child?.pseudonym ?? s.pairing!.childId} as device ${s.pairing!.deviceId} since ${time(s.pairing!.pairedAt)}.`
      : 'This phone is not paired.';
    if (paired && !shownPairing) childSelect.value = s.pairing!.childId; // once: the family may pick another child after
    shownPairing ||= paired;
    pairButton.textContent = paired ? 'Pair again' : 'Pair this phone';
    linkButton.textContent = paired ? 'Pair again with this link' : 'Pair with this link';
    const state = uploader?.state ?? 'idle';
    f.upload.textContent = STATE_TEXT[state];
    retryButton.hidden = state !== 'pair-again' && state !== 'forbidden';
    f.queued.textContent = String(s.queuedEpochs);
    f.queuedBatches.textContent = String(s.queuedBatches);
    f.sent.textContent = String(s.totals.accepted);
    f.duplicates.textContent = String(s.totals.duplicates);
    f.lost.textContent = String(s.totals.lostEpochs);
    f.lastGap.textContent = s.totals.lastGap ? `(last: seq ${s.totals.lastGap.fromSeq}–${s.totals.lastGap.toSeq})` : '';
    f.rejected.textContent = String(s.rejectedBatches);
    f.rejectedEpochs.textContent = String(s.rejectedEpochs);
    f.dropped.textContent = String(s.totals.droppedEpochs);
    f.lastError.textContent = s.lastError
      ? `${time(s.lastError.at)}: ${s.lastError.message}${s.lastError.status ? ` (HTTP ${s.lastError.status})` : ''}`
      : 'None';
    f.nextRetry.textContent = s.nextAttemptAt !== null && state === 'waiting' ? time(s.nextAttemptAt) : '—';
    history.replaceChildren(
      ...s.sent.slice(0, 5).map((r) => h('li', {}, `${time(r.at)}: ${r.epochs} minutes, ${r.accepted} accepted, ${r.duplicates} already stored`)),
    );
    setSourceButtons(paired);
  };

  let busy = false;
  const setSourceButtons = (paired: boolean) => {
    replayButton.disabled = !paired || busy;
    connectButton.disabled = !paired || busy || bluetooth === null;
    connectNote.textContent =
      bluetooth === null
        ? 'This browser has no Web Bluetooth (it needs Chrome or Edge on Android or a computer), so the wearable cannot connect here.'
        : paired
          ? 'Choose the ZenMoon wearable in the list the browser shows.'
          : 'Pair this phone first.';
  };

  pairForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void pair();
  });
  const pair = async () => {
    if (queue === null || uploader === null) return;
    const childId = childSelect.value;
    if (!childId) return say('There is no child to pair this phone for.');
    if (await queue.holdsDataOfAnother(childId)) return say(HELD_DATA);
    pairButton.disabled = true;
    say('Pairing…');
    let before: Pairing | null;
    let deviceId: string;
    try {
      before = await queue.pairing();
      const answer = await ctx.api.post<PairAnswer>('/devices/pair', { childId, label: labelInput.value.trim() || 'Phone' });
      await queue.setPairing({ deviceId: answer.deviceId, deviceToken: answer.deviceToken, childId, pairedAt: Date.now() });
      deviceId = answer.deviceId;
      say('This phone is paired.');
      await refresh();
      void uploader.resume();
    } catch (e) {
      return say(`Pairing failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      pairButton.disabled = ctx.children.length === 0;
    }
    // paired again: the old device's token must stop working on the server as well (best effort; the new pairing stays)
    if (before === null || before.deviceId === deviceId) return;
    try {
      await ctx.api.delete(`/devices/${encodeURIComponent(before.deviceId)}`);
    } catch (e) {
      say(
        `This phone is paired. The old pairing (device ${before.deviceId}) could not be revoked: ` +
          `${e instanceof Error ? e.message : String(e)}. Unpair it in the family's device list.`,
      );
    }
  };

  linkForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void pairByLink();
  });
  /**
   * Pairs with a link alone: the token says which device this phone is (GET /devices/me answers its child too), so
   * no parent's session is needed. Nothing is stored for a malformed link, another server's, a token ZenMoon refuses,
   * or while another child's minutes still wait.
   */
  const pairByLink = async () => {
    if (queue === null || uploader === null) return;
    const parsed = parsePairingLink(linkInput.value, ctx.apiBase ?? ownApiBase(location.origin));
    if (!parsed.ok) return say(parsed.reason);
    const { token, deviceId } = parsed.link;
    linkButton.disabled = true;
    say('Checking the link with ZenMoon…');
    let before: Pairing | null;
    try {
      let self: DeviceSelf;
      try {
        self = await ctx.api.request<DeviceSelf>('GET', '/devices/me', undefined, token);
      } catch (e) {
        return say(linkRefused(e));
      }
      if (self?.deviceId !== deviceId || typeof self.childId !== 'string' || self.childId === '') {
        return say('ZenMoon’s answer does not match this link. Nothing was stored; make a new code in the parents’ app.');
      }
      if (await queue.holdsDataOfAnother(self.childId)) return say(HELD_DATA);
      before = await queue.pairing();
      await queue.setPairing({ deviceId, deviceToken: token, childId: self.childId, pairedAt: Date.now() });
      linkInput.value = '';
      say('This phone is paired.');
      await refresh();
      void uploader.resume();
    } catch (e) {
      return say(e instanceof HeldDataError ? HELD_DATA : `Pairing failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      linkButton.disabled = false;
    }
    // Paired again: the old device's token stops working too; it ends itself, no parent's session is needed.
    if (before === null || before.deviceId === deviceId) return;
    try {
      await ctx.api.request<void>('DELETE', '/devices/me', undefined, before.deviceToken);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return; // unpaired already
      say(
        `This phone is paired. The old pairing (device ${before.deviceId}) could not be revoked: ` +
          `${e instanceof Error ? e.message : String(e)}. Unpair it in the portal.`,
      );
    }
  };

  const onStored = () => {
    void refresh();
    void uploader?.kick();
  };

  replayButton.addEventListener('click', () => void runReplay());
  const runReplay = async () => {
    if (collector === null || uploader === null) return;
    busy = true;
    void refresh();
    try {
      say('Loading the recording…');
      const frames = await recording.catch(() => {
        recording = loadRecording(recordingUrl, ctx.fetchRecording);
        return recording;
      });
      const source = new ReplaySource(frames, { shiftSeconds: shiftToNow(frames, Date.now()), intervalMs: ctx.replayIntervalMs ?? 200 });
      replay = source;
      say(`Replaying ${frames.length} frames…`);
      await source.start(collector.listener(source));
      await collector.idle();
      if (disposed) return;
      await uploader.flush();
      say(`Replay done: ${collector.framesStored} frames stored, ${collector.framesRejected} refused.`);
    } catch (e) {
      say(`Replay failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
      replay = null;
      void refresh();
    }
  };

  connectButton.addEventListener('click', () => void connect());
  const disconnected = (link: string, message: string) => {
    wearable = null;
    connectButton.textContent = 'Connect wearable';
    f.link.textContent = link;
    say(message);
  };
  const connect = async () => {
    if (bluetooth === null || queue === null || collector === null || connecting !== null) return;
    if (wearable !== null) {
      // On purpose: also ends a reconnection under way.
      const source = wearable;
      disconnected('Not connected', 'Wearable disconnected.');
      await source.stop();
      return;
    }
    const q = queue;
    const c = collector;
    // The wearable id comes with the first frame: a device never seen gets 0, never another wearable's (or a replay's)
    // ack. Frames still being stored count first, else the wearable would send them again after a reconnect.
    const lastAcknowledged = async (bleDeviceId: string | null) => {
      await c.idle();
      return q.ackOnConnect(bleDeviceId);
    };
    const source = new WebBluetoothSource(
      bluetooth,
      lastAcknowledged,
      (link) => {
        if (wearable !== source || disposed) return;
        if (link.state === 'reconnecting') {
          f.link.textContent = 'Reconnecting…';
          say(
            `The wearable disconnected: reconnecting… (attempt ${link.attempt} of ${link.attempts}, in ${Math.round(link.inMs / 1000)} s)`,
          );
        } else if (link.state === 'connected') {
          f.link.textContent = 'Connected';
          say('Wearable connected again.');
        } else {
          // Its listener on the device goes too: Chrome hands the same device to the next Connect.
          void source.stop();
          disconnected(
            'Could not reconnect',
            'The wearable could not reconnect: press Connect wearable. It sends the rest on the next connection.',
          );
        }
      },
      ctx.reconnect,
    );
    connecting = source;
    try {
      say('Connecting…');
      f.link.textContent = 'Connecting…';
      await source.start(c.listener(source));
      if (disposed) return;
      wearable = source;
      connectButton.textContent = 'Disconnect wearable';
      f.link.textContent = 'Connected';
      say('Wearable connected.');
    } catch (e) {
      void source.stop(); // no reconnection behind a failed start
      f.link.textContent = 'Not connected';
      say(`The wearable did not connect: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (connecting === source) connecting = null;
    }
  };

  retryButton.addEventListener('click', () => {
    void uploader?.resume().then(refresh);
  });

  pairButton.disabled = true; // until the queue is open
  linkButton.disabled = true;
  if (loggedIn && ctx.children.length === 0) say('No child is linked to this account, so this phone cannot be paired here; use a pairing link.');
  setSourceButtons(false);

  void (async () => {
    try {
      const q = await Queue.open(ctx.dbName ? { dbName: ctx.dbName } : {});
      if (disposed) return q.close();
      queue = q;
      collector = new Collector(q, () => Date.now(), {
        onStored,
        onRejected: (reason) => say(`A frame was refused (${reason}); the wearable sends it again.`),
        onFailed: (e) => say(`A frame could not be stored: ${e instanceof Error ? e.message : String(e)}`),
      });
      uploader = new Uploader({ queue: q, api: ctx.api, online: ctx.online, onChange: () => void refresh() });
      pairButton.disabled = ctx.children.length === 0;
      linkButton.disabled = false;
      await refresh();
      await uploader.kick();
    } catch (e) {
      say(`The phone's storage could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
  })();

  return () => {
    disposed = true;
    uploader?.stop();
    void replay?.stop();
    void wearable?.stop();
    void connecting?.stop();
    queue?.close();
    root.replaceChildren();
  };
}
