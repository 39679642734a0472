import { ApiClient, ApiError } from '../shared/api';
import type { Alert, ChildSummary } from '../shared/types';
import { AlertsClient, alertsUrl, type AlertSource, type SocketFactory } from './alerts';
import type { AppContext } from './context';
import { clear, h } from './dom';
import { clock } from './format';
import { AnswerCache } from './offline';
import { FeedbackOutbox, FeedbackQueue, givenUpWhy, type AnswerOutcome } from './outbox';
import { pairScreen } from './pair';
import { parseRoute, type Route } from './router';
import {
  alertTitle,
  alertsScreen,
  childrenScreen,
  forecastScreen,
  loginScreen,
  recommendationScreen,
  summaryScreen,
  type Screen,
} from './screens';
import { SeenAlerts } from './seen';
import { logIn, Session } from './session';

/**
 * The parents' app: the shell (skip link, navigation, one `<main>` whose `<h1>` each screen brings), the hash
 * router, the session, and the live alerts behind the badge and the announcement.
 */

export interface AppOptions {
  readonly fetcher?: (input: string, init?: RequestInit) => Promise<Response>;
  readonly socket?: SocketFactory;
  readonly cache?: AnswerCache;
  readonly outbox?: FeedbackOutbox;
  readonly session?: Session;
  readonly now?: () => Date;
}

export function startApp(root: HTMLElement, options: AppOptions = {}): { stop(): void } {
  const session = options.session ?? new Session();
  const api = new ApiClient(() => session.get(), options.fetcher);
  const cache = options.cache ?? new AnswerCache();
  const now = options.now ?? (() => new Date());

  let children: ChildSummary[] = [];
  let alerts: Alert[] = [];
  /** The alerts this account has seen on the alerts screen (kept across reloads): the badge counts the others. */
  let seen = new SeenAlerts(null);
  let live = false;
  let syncedAt: Date | null = null;
  let alertsClient: AlertsClient | null = null;
  let loginMessage: string | null = null;
  let cleanup: (() => void) | null = null;
  let generation = 0;
  let firstRender = true;
  let childrenReady: Promise<void> = Promise.resolve();
  /** The route drawn last (as JSON): focus moves to the new `<h1>` only when the route changes. */
  let shownRoute: string | null = null;
  let expiryTimer: ReturnType<typeof setTimeout> | null = null;
  const SESSION_ENDED = 'Your session has ended. Please log in again.';

  const skip = h('a', { class: 'skip-link', href: '#main' }, 'Skip to content');
  const badge = h('span', { class: 'badge', 'data-testid': 'alerts-badge', hidden: true });
  const nav = h(
    'nav',
    { 'aria-label': 'Main' },
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#/', 'data-nav': 'children' }, 'Children')),
      h('li', {}, h('a', { href: '#/alerts', 'data-nav': 'alerts' }, 'Alerts', badge)),
      h('li', {}, h('a', { href: '#/companion', 'data-nav': 'companion', 'data-testid': 'nav-companion' }, 'Companion')),
      h('li', {}, h('button', { type: 'button', class: 'linklike', 'data-testid': 'logout' }, 'Log out')),
    ),
  );
  // The companion opens without a parent's session (a phone paired with a link): then only a way to log in.
  const loginLink = h('a', { href: '#/login', class: 'login-link', 'data-testid': 'nav-login', hidden: true }, 'Parents: log in');
  const header = h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'ZenMoon'), nav, loginLink);
  const announcer = h('div', { class: 'announcer', role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true' });
  // What became of answers given earlier (sent once back online, or dropped): told politely, and shown.
  const outboxStatus = h('div', {
    class: 'announcer',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
    'data-testid': 'outbox-status',
  });
  const main = h('main', { id: 'main', tabindex: -1 });
  clear(root);
  root.append(skip, header, announcer, outboxStatus, main);

  skip.addEventListener('click', (ev) => {
    ev.preventDefault();
    main.focus();
  });
  nav.querySelector('[data-testid="logout"]')!.addEventListener('click', () => void logOut());

  const feedback = new FeedbackQueue({
    outbox: options.outbox ?? new FeedbackOutbox(),
    api,
    account: () => (session.get() === null ? null : session.account()),
    token: () => session.get(),
    onBackground: (outcome) => {
      outboxStatus.textContent = backgroundText(outcome);
    },
    onSessionEnded: () => void endSession(SESSION_ENDED),
  });

  const ctx: AppContext = {
    api,
    cache,
    feedback,
    now,
    roles: () => session.roles(),
    children: () => children,
    alerts: () => alerts,
    alertsLive: () => live,
    alertsSyncedAt: () => syncedAt,
    markAlertsSeen: () => {
      seen.add(alerts);
      updateBadge();
    },
  };

  function updateBadge(): void {
    const unseen = alerts.filter((a) => !seen.has(a.alertId)).length;
    badge.hidden = unseen === 0;
    badge.textContent = '';
    badge.append(String(unseen), h('span', { class: 'sr-only' }, ` new alert${unseen === 1 ? '' : 's'}`));
  }

  function announce(text: string): void {
    announcer.textContent = text;
  }

  function onAlerts(fresh: Alert[], source: AlertSource): void {
    // By id: after a reload the catch-up brings again the alerts shown from the saved copy.
    const ids = new Set(fresh.map((a) => a.alertId));
    alerts = [...fresh, ...alerts.filter((a) => !ids.has(a.alertId))].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
    syncedAt = now();
    void cache.put('alerts', alerts).catch(() => undefined);
    const onAlertsScreen = parseRoute(location.hash).name === 'alerts';
    if (onAlertsScreen) seen.add(fresh);
    updateBadge();
    if (source !== 'initial') {
      const name = (a: Alert) => children.find((c) => c.childId === a.childId)?.pseudonym ?? 'your child';
      const first = fresh[0]!;
      announce(
        fresh.length === 1
          ? `New alert for ${name(first)}: ${alertTitle(first)}, at ${clock(new Date(first.at))}.`
          : `${fresh.length} new alerts, the latest for ${name(first)}: ${alertTitle(first)}.`,
      );
    }
    if (onAlertsScreen) void render();
  }

  function startAlerts(): void {
    if (alertsClient !== null || session.get() === null) return;
    const token = session.get();
    // The alerts this account saved last time, for the alerts screen while offline; never waited for.
    void cache
      .get<Alert[]>('alerts')
      .then((saved) => {
        if (saved && alerts.length === 0 && session.get() === token) {
          alerts = saved.value;
          syncedAt ??= new Date(saved.savedAt);
          updateBadge();
        }
      })
      .catch(() => undefined);
    alertsClient = new AlertsClient({
      url: alertsUrl(location),
      token: () => session.get(),
      // Without a list (it failed at log-in), the catch-up loads it first, else it would ask for nobody.
      childIds: async () => {
        if (children.length === 0) await loadChildren();
        return children.map((c) => c.childId);
      },
      get: (path) => api.get(path),
      onAlerts,
      onSessionEnded: () => endSession(SESSION_ENDED),
      expired: () => {
        const at = session.expiresAt();
        return at !== null && now().getTime() >= at;
      },
      onState: (state) => {
        const was = live;
        live = state === 'open';
        if (live) syncedAt = now();
        if (was !== live && parseRoute(location.hash).name === 'alerts') void render();
      },
      socket: options.socket,
    });
    alertsClient.start();
  }

  async function loadChildren(): Promise<void> {
    try {
      const loaded = await cache.load('children', () => api.get<ChildSummary[]>('/children'));
      children = [...(loaded.value ?? [])];
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) throw e;
      // Offline without a saved list: the screens show what they can.
    }
  }

  /** Ends the session when the token expires (timers may be late on a sleeping phone; the alerts check too). */
  function watchExpiry(): void {
    if (expiryTimer !== null) clearTimeout(expiryTimer);
    expiryTimer = null;
    const at = session.expiresAt();
    if (at === null || session.get() === null) return;
    const token = session.get();
    expiryTimer = setTimeout(
      () => {
        expiryTimer = null;
        if (session.get() !== token) return;
        if (now().getTime() >= at) endSession(SESSION_ENDED);
        else watchExpiry();
      },
      Math.min(2_147_000_000, Math.max(0, at - now().getTime())),
    );
  }

  /** Ends the session: the token, the live alerts and this account's saved answers go. */
  function endSession(message: string | null): Promise<void> {
    session.clear();
    if (expiryTimer !== null) clearTimeout(expiryTimer);
    expiryTimer = null;
    const cleared = cache.clear().catch(() => undefined);
    alertsClient?.stop();
    alertsClient = null;
    live = false;
    alerts = [];
    children = [];
    seen = new SeenAlerts(null);
    outboxStatus.textContent = '';
    updateBadge();
    loginMessage = message;
    if (location.hash !== '#/login') location.hash = '#/login';
    else void render();
    return cleared;
  }

  async function logOut(): Promise<void> {
    const token = session.get();
    if (token !== null) {
      // Revokes the account's tokens on the server too; without a connection the local log-out still holds.
      await api.post('/auth/logout', undefined).catch(() => undefined);
    }
    await endSession(null);
  }


  async function screenFor(route: Route): Promise<Screen | 'companion'> {
    switch (route.name) {
      case 'login':
        return loginScreen(loginMessage, async (username, password) => {
          const result = await logIn(api, session, username, password, now().getTime());
          if (!result.ok) return result.message;
          loginMessage = null;
          // Another account's saved answers are deleted before anything is read or saved (IndexedDB runs the
          // transactions in order; not waited for, a silent store must not hold up the log-in).
          void cache.useAccount(session.account()).catch(() => undefined);
          // The same rule for answers another parent left waiting on this phone: they go now, unsent.
          const ownAnswers = feedback.useAccount(session.account());
          seen = new SeenAlerts(session.account());
          watchExpiry();
          await loadChildren().catch(() => undefined);
          startAlerts();
          // Answers this parent gave before the session ended go now, with this session's token.
          void ownAnswers.then(() => feedback.flush());
          location.hash = '#/';
          return null;
        });
      case 'children':
        return childrenScreen(ctx);
      case 'child':
        return summaryScreen(ctx, route.id);
      case 'forecast':
        return forecastScreen(ctx, route.id);
      case 'recommendation':
        return recommendationScreen(ctx, route.id);
      case 'pair':
        return pairScreen(ctx, route.id);
      case 'alerts':
        return alertsScreen(ctx);
      case 'companion':
        return 'companion';
      case 'not-found':
        return { nodes: [h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to your children'))] };
    }
  }

  async function render(): Promise<void> {
    const hash = location.hash;
    // The skip link's own target is not a screen.
    if (hash === '#main') return;
    let route = parseRoute(hash);
    // The child's phone, paired with a link, runs the companion without a parent logged in.
    if (session.get() === null && route.name !== 'login' && route.name !== 'companion') {
      location.hash = '#/login';
      return;
    }
    if (session.get() !== null && route.name === 'login') route = { name: 'children' };
    const mine = ++generation;
    cleanup?.();
    cleanup = null;
    // The screens name the children: after a reload, wait for the list (it is quick, or comes from the cache).
    if (route.name !== 'login') await childrenReady;
    if (mine !== generation) return;
    header.hidden = route.name === 'login';
    nav.hidden = session.get() === null;
    loginLink.hidden = session.get() !== null;
    for (const a of nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
      const here =
        a.dataset.nav === route.name ||
        (a.dataset.nav === 'children' && ['children', 'child', 'forecast', 'recommendation', 'pair'].includes(route.name));
      if (here) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    main.setAttribute('aria-busy', 'true');
    let screen: Screen | 'companion';
    try {
      screen = await screenFor(route);
    } catch (e) {
      if (mine !== generation) return;
      if (e instanceof ApiError && e.status === 401) {
        void endSession(SESSION_ENDED);
        return;
      }
      screen = errorScreen(e);
    }
    if (mine !== generation) return;
    const routeKey = JSON.stringify(route);
    const sameRoute = routeKey === shownRoute;
    main.removeAttribute('aria-busy');
    if (screen === 'companion') {
      clear(main);
      const { mountCompanion } = await import('../companion/screen');
      if (mine !== generation) return;
      cleanup = mountCompanion(main, { api, children, loggedIn: session.get() !== null });
    } else {
      const kept = sameRoute ? main.querySelector(':scope > h1') : null;
      const fresh = screen.nodes.find((n) => n instanceof HTMLElement && n.tagName === 'H1');
      if (kept && fresh && kept.textContent === fresh.textContent) {
        // The same screen drawn again (a live alert, the connection): its heading stays, and with it the focus.
        for (const n of [...main.childNodes]) if (n !== kept) n.remove();
        const i = screen.nodes.indexOf(fresh);
        kept.before(...screen.nodes.slice(0, i));
        kept.after(...screen.nodes.slice(i + 1));
      } else {
        clear(main);
        main.append(...screen.nodes);
      }
      const after = screen.after;
      if (after) {
        void Promise.resolve(after(main)).then((undo) => {
          if (mine !== generation) undo?.();
          else if (undo) cleanup = undo;
        }).catch(() => undefined);
      }
    }
    document.title = `${main.querySelector('h1')?.textContent ?? 'ZenMoon'} – ZenMoon`;
    // Only a new route moves the focus: a screen reader is not thrown back to the heading by every update.
    if (!firstRender && !sameRoute) {
      const h1 = main.querySelector('h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus();
      }
    }
    if (firstRender) {
      // The browser test and docs/BENCHMARKS.md read this: the first screen is drawn and answers input.
      performance.mark('zenmoon-interactive');
    }
    firstRender = false;
    shownRoute = routeKey;
  }

  function errorScreen(e: unknown): Screen {
    const offline = e instanceof ApiError && e.offline;
    const notFound = e instanceof ApiError && e.status === 404;
    return {
      nodes: [
        h('h1', {}, offline ? 'No connection' : notFound ? 'Not found' : 'Something went wrong'),
        h(
          'p',
          { role: offline ? 'status' : 'alert', 'data-testid': offline ? 'offline-banner' : null },
          offline
            ? 'Offline — nothing saved to show for this screen yet. It loads again when you are back online.'
            : notFound
              ? 'ZenMoon does not know this child, or it is not linked to your account.'
              : `ZenMoon could not answer: ${e instanceof Error ? e.message : String(e)}`,
        ),
        h('p', {}, h('a', { href: '#/' }, 'Back to your children')),
      ],
    };
  }

  const onHash = () => void render();
  // Back online, a screen loads its data again; the companion's uploader resumes by itself, and drawing the
  // companion again would stop it mid-upload; drawing the pairing screen again would lose the code it shows.
  const onOnline = () => {
    void feedback.flush();
    const name = parseRoute(location.hash).name;
    if (name !== 'companion' && name !== 'pair') void render();
  };
  window.addEventListener('hashchange', onHash);
  window.addEventListener('online', onOnline);
  if (session.get() !== null) {
    const expiresAt = session.expiresAt();
    if (expiresAt !== null && now().getTime() >= expiresAt) {
      void endSession(SESSION_ENDED);
    }
  }
  if (session.get() !== null) {
    watchExpiry();
    // Before the first read or write (IndexedDB runs the transactions in order).
    void cache.useAccount(session.account()).catch(() => undefined);
    const ownAnswers = feedback.useAccount(session.account());
    seen = new SeenAlerts(session.account());
    const loading = loadChildren();
    childrenReady = loading.catch(() => undefined);
    void ownAnswers.then(() => feedback.flush());
    void loading
      .then(() => startAlerts())
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) void endSession(SESSION_ENDED);
      });
  }
  void render();
  return {
    stop() {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('online', onOnline);
      if (expiryTimer !== null) clearTimeout(expiryTimer);
      alertsClient?.stop();
      feedback.stop();
      cleanup?.();
    },
  };
}

/** The words for an answer given earlier that went, that ZenMoon refused for good, or that was given up. */
function backgroundText(outcome: AnswerOutcome): string {
  const given = outcome.answer.helpful ? 'helpful' : 'not helpful';
  if (outcome.state === 'sent') return `Your answer saved on this phone (${given}) has been sent to ZenMoon.`;
  if (outcome.state === 'dropped') {
    const why =
      outcome.error.status === 404
        ? 'ZenMoon no longer has that suggestion'
        : `ZenMoon refused it: ${outcome.error.message}`;
    return `Your answer saved on this phone (${given}) could not be sent: ${why} (HTTP ${outcome.error.status}). It was removed.`;
  }
  if (outcome.state === 'expired') return `Your answer saved on this phone (${given}) could not be sent: ${givenUpWhy(outcome)}. It was removed.`;
  return '';
}
