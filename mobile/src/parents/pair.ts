/**
 * "Pair a wearable" for one child (guardians only; staff pair in the portal): `POST /devices/pair`, then the
 * pairing link `zenmoon://pair?server=…&token=…` as a QR code and as text with a copy button, for the companion on the
 * child's phone to take. The token is never stored by this app (not in IndexedDB, localStorage or sessionStorage, not
 * in the saved answers) and never logged: it lives in this screen's elements only, and leaving the screen removes
 * them. Nothing is sent on opening the screen, so a reload or going back pairs nothing.
 */
import { ApiError } from '../shared/api';
import type { AppContext } from './context';
import { h } from './dom';
import { childHref } from './router';
import type { Screen } from './screens';

/** `POST /devices/pair`'s answer (DeviceResource.Paired). */
interface Paired {
  readonly deviceId: string;
  readonly deviceToken: string;
  readonly pairingUri: string;
}

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

  let shown = true;
  const show = async (paired: Paired) => {
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
    const { qrSvg } = await import('./qr');
    if (!shown) return;
    const qr = h('div', { class: 'qr', 'data-testid': 'pair-qr' }, qrSvg(paired.pairingUri, `QR code of the pairing link for ${name}`));
    result.replaceChildren(
      h('h2', { id: 'pair-code-h' }, 'The pairing code'),
      h(
        'p',
        { class: 'confirmation', 'data-testid': 'pair-confirmation' },
        `A wearable is paired for ${name} as “${label.value.trim()}”. Give this code to the child’s phone now.`,
      ),
      qr,
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
        { 'data-testid': 'pair-again' },
        'Pairing again revokes the old device: a phone that takes a new code gives up its old one, which stops working at once.',
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
    void ctx.api
      .post<Paired>('/devices/pair', { childId: id, label: text })
      .then((paired) => (shown ? show(paired) : undefined))
      .catch((e: unknown) => {
        error.textContent = pairError(e);
        error.hidden = false;
      })
      .finally(() => {
        make.disabled = false;
      });
  });

  return {
    nodes: [title, back, form, result],
    // Leaving the screen: the link and the code go with its elements.
    after: async () => () => {
      shown = false;
      result.replaceChildren();
    },
  };
}

function pairError(e: unknown): string {
  if (!(e instanceof ApiError)) return 'The wearable could not be paired. Please try again.';
  if (e.offline) return 'No connection to ZenMoon: nothing was paired. Try again when you are online.';
  if (e.status === 401) return 'Your session has ended: log out and log in again to pair.';
  if (e.status === 404) return 'ZenMoon does not know this child, or it is not linked to your account.';
  if (e.status === 403) return 'Your account may not pair wearables.';
  return `The wearable could not be paired: ${e.message} (HTTP ${e.status}).`;
}
