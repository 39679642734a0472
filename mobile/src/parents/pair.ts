/**
 * "Pair a wearable" for one child (guardians only; staff pair in the portal): `POST /devices/pair`, then the
 * pairing link `zenmoon://pair?server=…&token=…` as a QR code and as text with a copy button, for the companion on the
 * child's phone to take. The token is never stored by this app (not in IndexedDB, localStorage or sessionStorage, not
 * in the saved answers) and never logged: it lives in this screen's elements only, and leaving the screen removes
 * them; *Copy the link* puts it on the phone's clipboard, which the screen says. Nothing is paired on opening the
 * screen (it only lists the child's devices, each active one with *Unpair*), so a reload or going back pairs nothing.
 * The QR module is loaded before the pairing is asked for: a chunk that cannot load (an app updated on the server)
 * leaves the link without its picture, never a paired device whose token is lost. An answer that arrives after the
 * parent left is not shown: that device is unpaired at once.
 */
import { ApiError } from '../shared/api';
import type { AppContext } from './context';
import { h } from './dom';
import { when } from './format';
import { childHref } from './router';
import type { Screen } from './screens';

/** `POST /devices/pair`'s answer (DeviceResource.Paired). */
interface Paired {
  readonly deviceId: string;
  readonly deviceToken: string;
  readonly pairingUri: string;
}

/** `GET /children/{id}/devices`'s rows (Devices.DeviceView). */
interface DeviceView {
  readonly deviceId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

type QrModule = typeof import('./qr');

export const GUARDIAN = 'GUARDIAN';

export function pairScreen(ctx: AppContext, id: string): Screen {
  const name = ctx.children().find((c) => c.childId === id)?.pseudonym ?? 'your child';
  const back = h('p', {}, h('a', { href: childHref(id) }, `Back to ${name}`));
  const title = h('h1', {}, `Pair a wearable for ${name}`);
  if (!ctx.roles().includes(GUARDIAN)) {
    return {
      nodes: [
        title,
        h('p', { class: 'card', 'data-testid': 'pair-not-guardian' }, 'Only a guardian of the child pairs a wearable in this app. Staff pair wearables in the portal.'),
        back,
      ],
    };
  }

  const label = h('input', {
    id: 'pair-label',
    name: 'label',
    maxlength: 100,
    autocomplete: 'off',
    required: true,
    'data-testid': 'pair-label',
  });
  label.value = 'Phone of the wearable';
  const make = h('button', { type: 'submit', 'data-testid': 'pair-make' }, 'Make a pairing code');
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'pair-error', hidden: true });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'pair-how' },
    h('h2', { id: 'pair-how' }, 'How it works'),
    h(
      'p',
      {},
      `A pairing code lets the phone that runs the wearable's companion upload ${name}'s minutes, and nothing else. ` +
        'On that phone, open ZenMoon, choose Companion, and paste the link (or scan the code).',
    ),
    h('label', { for: 'pair-label' }, 'Name of that phone'),
    label,
    make,
    error,
  );
  const result = h('section', { class: 'card', 'aria-labelledby': 'pair-code-h', 'data-testid': 'pair-result', hidden: true });

  const devicesList = h('ul', { class: 'devices', 'data-testid': 'pair-devices' });
  const devicesNote = h('p', { role: 'status', 'data-testid': 'pair-devices-note' });
  const devices = h(
    'section',
    { class: 'card', 'aria-labelledby': 'pair-devices-h' },
    h('h2', { id: 'pair-devices-h' }, `Phones paired for ${name}`),
    devicesList,
    devicesNote,
  );

  let shown = true;
  const listDevices = async (note = '') => {
    try {
      const rows = await ctx.api.get<DeviceView[]>(`/children/${encodeURIComponent(id)}/devices`);
      if (!shown) return;
      devicesList.replaceChildren(...rows.map(deviceRow));
      devicesNote.textContent = rows.length === 0 ? 'No phone is paired yet.' : note;
    } catch (e) {
      if (shown) devicesNote.textContent = listError(e);
    }
  };
  const deviceRow = (d: DeviceView): HTMLElement => {
    const now = ctx.now();
    const item = h(
      'li',
      { 'data-testid': 'pair-device', 'data-device': d.deviceId },
      h('strong', {}, d.label),
      ` — paired ${when(new Date(d.createdAt), now)}`,
      d.revokedAt === null ? '' : `, unpaired ${when(new Date(d.revokedAt), now)}`,
    );
    if (d.revokedAt === null) {
      const unpair = h(
        'button',
        { type: 'button', class: 'secondary', 'data-testid': 'pair-unpair', 'aria-label': `Unpair “${d.label}”` },
        'Unpair',
      );
      // Unpairing stops the child's phone from uploading at once and cannot be undone (the phone needs a new code):
      // asked once more, in place, with keeping it as the way out.
      unpair.addEventListener('click', () => {
        const why = `pair-unpair-why-${d.deviceId}`;
        const yes = h('button', { type: 'button', 'data-testid': 'pair-unpair-confirm', 'aria-describedby': why }, 'Yes, unpair');
        const keep = h('button', { type: 'button', class: 'secondary', 'data-testid': 'pair-unpair-keep' }, 'Keep it');
        const ask = h(
          'span',
          { role: 'group', 'aria-label': `Unpair “${d.label}”?`, 'data-testid': 'pair-unpair-ask' },
          h('span', { id: why }, `Unpair “${d.label}”? Its phone stops uploading at once and needs a new code to pair again.`),
          ' ',
          yes,
          ' ',
          keep,
        );
        unpair.replaceWith(ask);
        yes.focus();
        keep.addEventListener('click', () => {
          ask.replaceWith(unpair);
          unpair.focus();
        });
        yes.addEventListener('click', () => {
          yes.disabled = true;
          keep.disabled = true;
          void ctx.api.delete(`/devices/${encodeURIComponent(d.deviceId)}`).then(
            () => listDevices(`“${d.label}” is unpaired: its phone can no longer upload.`),
            (e: unknown) => {
              ask.replaceWith(unpair);
              unpair.focus();
              devicesNote.textContent = unpairError(e, d.label);
            },
          );
        });
      });
      item.append(' ', unpair);
    }
    return item;
  };

  const show = (paired: Paired, qrModule: QrModule | null) => {
    const link = h('code', { class: 'pair-link', 'data-testid': 'pair-link', id: 'pair-link' }, paired.pairingUri);
    const copy = h('button', { type: 'button', class: 'secondary', 'data-testid': 'pair-copy', 'aria-describedby': 'pair-link' }, 'Copy the link');
    const copied = h('p', { role: 'status', 'data-testid': 'pair-copied' });
    copy.addEventListener('click', () => {
      const done = (text: string) => {
        copied.textContent = text;
      };
      if (!navigator.clipboard) return done('This browser cannot copy here: select the link above and copy it.');
      navigator.clipboard.writeText(link.textContent ?? '').then(
        () => done('Link copied. Paste it into the companion on the child’s phone.'),
        () => done('The link could not be copied: select it above and copy it.'),
      );
    });
    let picture: Node;
    try {
      if (qrModule === null) throw new Error('no QR module');
      picture = h('div', { class: 'qr', 'data-testid': 'pair-qr' }, qrModule.qrSvg(paired.pairingUri, `QR code of the pairing link for ${name}`));
    } catch {
      picture = h(
        'p',
        { class: 'error', 'data-testid': 'pair-qr-missing' },
        'The picture of the code could not be drawn (the app may have been updated: reload it later). The pairing worked: use the link below.',
      );
    }
    result.replaceChildren(
      h('h2', { id: 'pair-code-h' }, 'The pairing code'),
      h(
        'p',
        { class: 'confirmation', 'data-testid': 'pair-confirmation' },
        `A wearable is paired for ${name} as “${label.value.trim()}”. Give this code to the child’s phone now.`,
      ),
      picture,
      h('p', {}, 'Or paste this link into the companion:'),
      link,
      copy,
      copied,
      h(
        'p',
        { 'data-testid': 'pair-once' },
        h('strong', {}, 'Shown once. '),
        'ZenMoon keeps no copy of the code, and this app forgets it when you leave this screen. Treat it like a password until the phone has taken it.',
      ),
      h(
        'p',
        { 'data-testid': 'pair-clipboard' },
        'Copy the link puts it, with the phone’s key, on this phone’s clipboard, where other apps may read it: treat it like a password, and copy something else once the child’s phone has it.',
      ),
      h(
        'p',
        { 'data-testid': 'pair-again' },
        'A phone that takes a new code gives up its old one by itself. If this code goes to another phone, unpair the old one below: it keeps uploading until you do.',
      ),
    );
    result.hidden = false;
    form.hidden = true;
    result.querySelector('h2')?.setAttribute('tabindex', '-1');
    (result.querySelector('h2') as HTMLElement | null)?.focus();
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = label.value.trim();
    if (text === '') {
      error.textContent = 'Give the phone a name (1 to 100 characters).';
      error.hidden = false;
      label.setAttribute('aria-invalid', 'true');
      label.focus();
      return;
    }
    make.disabled = true;
    error.hidden = true;
    label.removeAttribute('aria-invalid');
    // The picture's code first: once a device is paired, nothing may fail before its link is on the screen.
    void import('./qr')
      .then(
        (m): QrModule | null => m,
        () => null,
      )
      .then((qrModule) =>
        ctx.api.post<Paired>('/devices/pair', { childId: id, label: text }).then((paired) => {
          if (shown) {
            show(paired, qrModule);
            void listDevices();
            return;
          }
          // Left before the answer: nobody will see this token, so that device must not stay paired.
          return ctx.api.delete(`/devices/${encodeURIComponent(paired.deviceId)}`).catch(() => undefined);
        }),
      )
      .catch((e: unknown) => {
        error.textContent = pairError(e);
        error.hidden = false;
      })
      .finally(() => {
        make.disabled = false;
      });
  });

  return {
    nodes: [title, back, form, result, devices],
    // Leaving the screen: the link and the code go with its elements.
    after: async () => {
      void listDevices();
      return () => {
        shown = false;
        result.replaceChildren();
      };
    },
  };
}

function listError(e: unknown): string {
  if (e instanceof ApiError && e.offline) return 'No connection to ZenMoon: the paired phones cannot be listed now.';
  if (e instanceof ApiError) return `The paired phones could not be listed: ${e.message} (HTTP ${e.status}).`;
  return 'The paired phones could not be listed.';
}

function unpairError(e: unknown, label: string): string {
  if (e instanceof ApiError && e.offline) return `No connection to ZenMoon: “${label}” is still paired. Try again when you are online.`;
  if (e instanceof ApiError) return `“${label}” could not be unpaired: ${e.message} (HTTP ${e.status}).`;
  return `“${label}” could not be unpaired.`;
}

function pairError(e: unknown): string {
  if (!(e instanceof ApiError)) return 'The wearable could not be paired. Please try again.';
  if (e.offline) return 'No connection to ZenMoon: nothing was paired. Try again when you are online.';
  if (e.status === 401) return 'Your session has ended: log out and log in again to pair.';
  if (e.status === 404) return 'ZenMoon does not know this child, or it is not linked to your account.';
  if (e.status === 403) return 'Your account may not pair wearables.';
  return `The wearable could not be paired: ${e.message} (HTTP ${e.status}).`;
}
