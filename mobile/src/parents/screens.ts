import { ApiError } from '../shared/api';
import type { Alert, ChildSummary } from '../shared/types';
import type {
  ChronotypeAnswer,
  Epoch,
  ForecastAnswer,
  Page,
  Recommendation,
  SleepEpisode,
} from './answers';
import { avatarElement } from './avatar';
import { GUARDIAN } from './pair';
import type { AppContext } from './context';
import { h } from './dom';
import { forecastRows, forecastSeries, forecastSummary, type ForecastSeries } from './forecast';
import { clock, hoursMinutes, shortDay, startOfDay } from './format';
import { givenUpWhy, type QueuedAnswer } from './outbox';
import { recommendationCard, whatChanged } from './recommendation';
import { childHref } from './router';
import { chronotypeView, sleepView, stressView, USUAL_DAYS } from './summary';

/** A screen: its content, its `<h1>` first; what to undo when it is left. */
export interface Screen {
  readonly nodes: Node[];
  readonly after?: (root: HTMLElement) => Promise<(() => void) | void> | void;
}

const DAY_MS = 86_400_000;

/** A failure that leaves one part of a screen empty (no permission, nothing stored): its message, else rethrown. */
async function soft<T>(p: Promise<T>): Promise<{ value: T } | { error: ApiError }> {
  try {
    return { value: await p };
  } catch (e) {
    if (e instanceof ApiError && !e.offline && e.status !== 401) return { error: e };
    throw e;
  }
}

function offlineBanner(since: Date | null, now: Date): Node | null {
  if (since === null) return null;
  const day = startOfDay(since).getTime() === startOfDay(now).getTime() ? '' : ` on ${shortDay(since)}`;
  return h(
    'p',
    { role: 'status', class: 'offline', 'data-testid': 'offline-banner' },
    `Offline — showing what ZenMoon sent at ${clock(since)}${day}`,
  );
}

function childName(ctx: AppContext, id: string): string {
  return ctx.children().find((c) => c.childId === id)?.pseudonym ?? 'Your child';
}

function childNav(id: string, current: 'child' | 'forecast' | 'recommendation'): HTMLElement {
  const link = (href: string, text: string, here: boolean) =>
    h('li', {}, h('a', { href, 'aria-current': here ? 'page' : null }, text));
  return h(
    'nav',
    { 'aria-label': 'This child', class: 'subnav' },
    h(
      'ul',
      {},
      link(childHref(id), 'Summary', current === 'child'),
      link(childHref(id, 'forecast'), 'Forecast', current === 'forecast'),
      link(childHref(id, 'recommendation'), 'Suggestion', current === 'recommendation'),
    ),
  );
}

export function loginScreen(message: string | null, onSubmit: (u: string, p: string) => Promise<string | null>): Screen {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: message === null }, message ?? '');
  const user = h('input', {
    id: 'login-username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    'data-testid': 'login-username',
  });
  const pass = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const submit = h('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Log in');
  const form = h(
    'form',
    { class: 'card' },
    h('label', { for: 'login-username' }, 'User name'),
    user,
    h('label', { for: 'login-password' }, 'Password'),
    pass,
    submit,
    error,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    void onSubmit(user.value.trim(), pass.value).then((failure) => {
      submit.disabled = false;
      if (failure !== null) {
        error.textContent = failure;
        error.hidden = false;
        pass.value = '';
        pass.setAttribute('aria-invalid', 'true');
        pass.setAttribute('aria-describedby', 'login-error-text');
        pass.focus();
      }
    });
  });
  error.id = 'login-error-text';
  return {
    nodes: [
      h('h1', {}, 'Log in to ZenMoon'),
      form,
      h(
        'p',
        {},
        'On the child’s phone, paired with a link from the parents’ app: ',
        h('a', { href: '#/companion', 'data-testid': 'login-companion' }, 'open the wearable companion'),
        '.',
      ),
    ],
  };
}

export async function childrenScreen(ctx: AppContext): Promise<Screen> {
  const loaded = await ctx.cache.load('children', () => ctx.api.get<ChildSummary[]>('/children'));
  const children = loaded.value ?? [];
  const list =
    children.length === 0
      ? h('p', {}, 'No child is linked to your account yet. The school or clinic links your child to you.')
      : h(
          'ul',
          { class: 'children' },
          ...children.map((c) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: childHref(c.childId), 'data-testid': 'child-link', 'data-child-id': c.childId, class: 'card link-card' },
                h('span', { class: 'name' }, c.pseudonym),
                h('span', { class: 'muted' }, chronotypeView(null, c.chronotype).text),
              ),
            ),
          ),
        );
  return { nodes: [h('h1', {}, 'Your children'), offlineBanner(loaded.offlineSince, ctx.now()), list].filter(isNode) };
}

function isNode(n: Node | null): n is Node {
  return n !== null;
}

interface SummaryAnswers {
  readonly child: ChildSummary | null;
  readonly chronotype: ChronotypeAnswer | null;
  readonly episodes: readonly SleepEpisode[] | null;
  readonly epochs: readonly Epoch[] | null;
  readonly errors: string[];
  readonly at: number;
}

export async function summaryScreen(ctx: AppContext, id: string): Promise<Screen> {
  const now = ctx.now();
  const base = `/children/${encodeURIComponent(id)}`;
  const from = new Date(now.getTime() - (USUAL_DAYS + 32) * DAY_MS).toISOString();
  const today = startOfDay(now).toISOString();
  const loaded = await ctx.cache.load<SummaryAnswers>(`summary:${id}`, async () => {
    const [child, chronotype, episodes, epochs] = await Promise.all([
      soft(ctx.api.get<ChildSummary>(base)),
      soft(ctx.api.get<ChronotypeAnswer>(`${base}/chronotype`)),
      soft(ctx.api.get<Page<SleepEpisode>>(`${base}/sleep-episodes?from=${encodeURIComponent(from)}&limit=1000`)),
      soft(ctx.api.get<Page<Epoch>>(`${base}/epochs?from=${encodeURIComponent(today)}&to=${encodeURIComponent(now.toISOString())}&limit=1440`)),
    ]);
    if ('error' in child && child.error.status === 404) throw child.error;
    const errors = [chronotype, episodes, epochs].flatMap((r) => ('error' in r ? [r.error.message] : []));
    return {
      child: 'value' in child ? child.value : null,
      chronotype: 'value' in chronotype ? chronotype.value : null,
      episodes: 'value' in episodes ? episodes.value.items : null,
      epochs: 'value' in epochs ? epochs.value.items : null,
      errors,
      at: now.getTime(),
    };
  });
  const a = loaded.value;
  // A cached copy is read as of when it was saved: "today" is that day.
  const asOf = loaded.offlineSince ?? now;
  const name = a.child?.pseudonym ?? childName(ctx, id);
  const sleep = a.episodes === null ? null : sleepView(a.episodes);
  const stress = a.epochs === null ? null : stressView(a.epochs, asOf);
  const chrono = chronotypeView(a.chronotype, a.child?.chronotype);
  const avatar = avatarElement({ chronotype: chrono.category, stress: stress?.level ?? 'unknown' });

  const nights =
    sleep && sleep.nights.length > 0
      ? h(
          'ul',
          { class: 'nights', 'aria-label': 'Last nights' },
          ...sleep.nights.map((n) => {
            const against =
              n.againstUsual === null
                ? ''
                : Math.abs(n.againstUsual) < 1
                  ? ', as usual'
                  : `, ${hoursMinutes(n.againstUsual)} ${n.againstUsual > 0 ? 'more' : 'less'} than usual`;
            // Set through the CSSOM: a style attribute would need 'unsafe-inline' in the page's CSP.
            const fill = h('span', {});
            fill.style.width = `${Math.min(100, (n.minutes / (12 * 60)) * 100).toFixed(0)}%`;
            return h(
              'li',
              {},
              h('span', { class: 'night-label' }, `Night to ${shortDay(n.wake)}: ${hoursMinutes(n.minutes)}${against}`),
              h('span', { class: 'meter', 'aria-hidden': 'true' }, fill),
            );
          }),
        )
      : null;

  const nodes: Array<Node | null> = [
    h('h1', {}, name),
    offlineBanner(loaded.offlineSince, now),
    childNav(id, 'child'),
    h('div', { class: 'avatar' }, avatar),
    h(
      'section',
      { 'aria-labelledby': 'sleep-h', class: 'card' },
      h('h2', { id: 'sleep-h' }, 'Sleep'),
      h('p', { 'data-testid': 'summary-sleep' }, sleep ? sleep.text : 'Sleep could not be loaded.'),
      nights,
    ),
    h(
      'section',
      { 'aria-labelledby': 'stress-h', class: 'card' },
      h('h2', { id: 'stress-h' }, 'Stress today'),
      h('p', { 'data-testid': 'summary-stress' }, stress ? stress.text : 'Stress could not be loaded.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'chrono-h', class: 'card' },
      h('h2', { id: 'chrono-h' }, 'Chronotype'),
      h('p', { 'data-testid': 'summary-chronotype' }, chrono.text),
    ),
    a.errors.length > 0 ? h('p', { class: 'muted' }, `Some of it could not be loaded: ${a.errors.join('; ')}`) : null,
    ctx.roles().includes(GUARDIAN)
      ? h(
          'section',
          { 'aria-labelledby': 'wearable-h', class: 'card' },
          h('h2', { id: 'wearable-h' }, 'Wearable'),
          h('p', {}, h('a', { href: childHref(id, 'pair'), 'data-testid': 'pair-wearable' }, 'Pair a wearable')),
        )
      : null,
  ];
  return { nodes: nodes.filter(isNode) };
}

function forecastSection(s: ForecastSeries, title: string, headId: string, cols: string[]): HTMLElement {
  const section = h('section', { 'aria-labelledby': headId, class: 'card' }, h('h2', { id: headId }, title));
  if (s.state === 'none') {
    section.append(h('p', { 'data-testid': 'forecast-empty' }, s.reason ?? 'No forecast yet.'));
    return section;
  }
  section.append(
    h('p', {}, forecastSummary(s)),
    h('div', { class: 'chart', 'data-testid': 'forecast-chart', 'data-metric': s.metric, 'aria-hidden': 'true' }),
    h(
      'p',
      { class: 'legend' },
      'Line: expected. Darker band: 8 in 10 chance. Lighter band with dashed edges: 19 in 20 chance.',
    ),
    // The table is hidden in a clipped box: a table is never narrower than its content, so hidden itself it
    // would still widen the page past a phone's width.
    h(
      'div',
      { class: 'sr-only' },
      h(
      'table',
      {},
      h('caption', {}, `${title}: expected value and ranges`),
      h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...forecastRows(s).map((row) =>
          h('tr', {}, h('th', { scope: 'row' }, row[0]!), ...row.slice(1).map((v) => h('td', {}, v))),
        ),
      ),
      ),
    ),
  );
  return section;
}

export async function forecastScreen(ctx: AppContext, id: string): Promise<Screen> {
  const base = `/children/${encodeURIComponent(id)}/forecast`;
  const orNone = async (path: string): Promise<ForecastAnswer | null> => {
    const r = await soft(ctx.api.get<ForecastAnswer>(path));
    if ('value' in r) return r.value;
    // 404: nothing to show for this child (yet); other refusals are shown as the screen's error.
    if (r.error.status === 404) return null;
    throw r.error;
  };
  const loaded = await ctx.cache.load(`forecast:${id}`, async () => {
    const [sleep, stress] = await Promise.all([orNone(`${base}?metric=sleep&hours=168`), orNone(`${base}?metric=stress&hours=24`)]);
    return { sleep, stress };
  });
  const sleep = forecastSeries('sleep', loaded.value.sleep);
  const stress = forecastSeries('stress', loaded.value.stress);
  const nodes: Array<Node | null> = [
    h('h1', {}, `Forecast for ${childName(ctx, id)}`),
    offlineBanner(loaded.offlineSince, ctx.now()),
    childNav(id, 'forecast'),
    forecastSection(sleep, 'Sleep, the next nights', 'fc-sleep', ['Night', 'Expected', '80 % range', '95 % range']),
    forecastSection(stress, 'Stress, the next hours', 'fc-stress', ['Hour', 'Expected (of 100)', '80 % range', '95 % range']),
  ];
  return {
    nodes: nodes.filter(isNode),
    after: async (root) => {
      const undo: Array<() => void> = [];
      const { drawChart } = await import('./chart');
      for (const s of [sleep, stress]) {
        const target = root.querySelector<HTMLElement>(`[data-testid="forecast-chart"][data-metric="${s.metric}"]`);
        if (target && s.state === 'ok') undo.push(await drawChart(target, s));
      }
      return () => undo.forEach((u) => u());
    },
  };
}

interface RecommendationAnswers {
  readonly next: Recommendation | null;
  readonly nextProblem: string | null;
  readonly history: readonly Recommendation[] | null;
}

export async function recommendationScreen(ctx: AppContext, id: string): Promise<Screen> {
  const base = `/children/${encodeURIComponent(id)}/recommendations`;
  const loaded = await ctx.cache.load<RecommendationAnswers>(`recommendation:${id}`, async () => {
    const [next, history] = await Promise.all([
      soft(ctx.api.get<Recommendation>(`${base}/next`)),
      soft(ctx.api.get<Recommendation[]>(`${base}?limit=10`)),
    ]);
    return {
      next: 'value' in next ? next.value : null,
      // The server's own words when it gave some (e.g. why the catalogue has nothing for the child).
      nextProblem: 'error' in next ? (next.error.problem?.detail ?? null) : null,
      history: 'value' in history ? history.value : null,
    };
  });
  const a = loaded.value;
  const now = ctx.now();
  const nodes: Array<Node | null> = [
    h('h1', {}, `Suggestion for ${childName(ctx, id)}`),
    offlineBanner(loaded.offlineSince, now),
    childNav(id, 'recommendation'),
  ];
  if (a.next === null) {
    nodes.push(h('p', { class: 'card' }, `No suggestion right now${a.nextProblem ? `: ${a.nextProblem}` : '.'}`));
  } else {
    nodes.push(recommendationCardElement(ctx, a.next, now, await ctx.feedback.queued(a.next.recommendationId)));
  }
  const changes = a.history === null ? null : whatChanged(a.history);
  nodes.push(
    h(
      'section',
      { 'aria-labelledby': 'changed-h', class: 'card' },
      h('h2', { id: 'changed-h' }, 'What changed after your earlier answers'),
      changes === null
        ? h('p', {}, 'Your earlier answers could not be loaded.')
        : changes.length === 0
          ? h('p', {}, 'No answers yet. ZenMoon learns from each 👍 and 👎 you give.')
          : h('ul', {}, ...changes.map((c) => h('li', {}, c))),
    ),
  );
  return { nodes: nodes.filter(isNode) };
}

function recommendationCardElement(ctx: AppContext, r: Recommendation, now: Date, waiting: QueuedAnswer | undefined): HTMLElement {
  const card = recommendationCard(r, now);
  // An answer still waiting on this phone is the parents' latest: the card shows it, not the server's older one.
  const shown = waiting ? waiting.helpful : card.helpful;
  const comment = h('textarea', { id: 'rec-comment', 'data-testid': 'rec-comment', maxlength: 1000, rows: 3 });
  comment.value = waiting ? (waiting.comment ?? '') : card.comment;
  const status = h('p', { role: 'status', 'data-testid': 'rec-confirmation', class: 'confirmation', hidden: true });
  const error = h('p', { role: 'alert', class: 'error', 'data-testid': 'rec-error', hidden: true });
  const yes = h('button', { type: 'button', 'data-testid': 'rec-helpful', 'aria-pressed': String(shown === true), 'aria-label': 'Helpful', class: 'vote' }, h('span', { 'aria-hidden': 'true' }, '👍'), h('span', { class: 'vote-text', 'aria-hidden': 'true' }, 'Helpful'));
  const no = h('button', { type: 'button', 'data-testid': 'rec-not-helpful', 'aria-pressed': String(shown === false), 'aria-label': 'Not helpful', class: 'vote' }, h('span', { 'aria-hidden': 'true' }, '👎'), h('span', { class: 'vote-text', 'aria-hidden': 'true' }, 'Not helpful'));
  const pressed = (helpful: boolean) => {
    yes.setAttribute('aria-pressed', String(helpful));
    no.setAttribute('aria-pressed', String(!helpful));
  };
  const saved = (helpful: boolean, withComment: boolean, e: ApiError | null) => {
    status.textContent =
      `Saved on this phone: your answer (${helpful ? 'helpful' : 'not helpful'}${withComment ? ', with your comment' : ''}) ` +
      (e === null || e.offline
        ? 'will be sent to ZenMoon when the phone is back online.'
        : `will be sent again shortly: ZenMoon could not take it now (HTTP ${e.status}).`);
    status.classList.add('pending');
    status.hidden = false;
  };
  if (waiting) saved(waiting.helpful, waiting.comment !== null, null);
  const send = async (helpful: boolean) => {
    yes.disabled = no.disabled = true;
    error.hidden = true;
    status.hidden = true;
    status.classList.remove('pending');
    const text = comment.value.trim();
    try {
      const outcome = await ctx.feedback.answer(card.id, helpful, text === '' ? null : text);
      switch (outcome.state) {
        case 'sent':
          pressed(helpful);
          status.textContent = `Thank you: saved as ${helpful ? 'helpful' : 'not helpful'}${text ? ', with your comment' : ''}. You can change your answer; the new one replaces it.`;
          status.hidden = false;
          break;
        case 'queued':
          pressed(helpful);
          saved(helpful, text !== '', outcome.error);
          break;
        case 'dropped':
          error.textContent =
            outcome.error.status === 404
              ? 'Not sent: ZenMoon no longer has this suggestion (HTTP 404). Your answer was removed.'
              : `Not sent: ${outcome.error.message} (HTTP ${outcome.error.status}). Your answer was removed.`;
          error.hidden = false;
          break;
        case 'expired':
          error.textContent = `Not sent: ${givenUpWhy(outcome)}. Your answer was removed.`;
          error.hidden = false;
          break;
        case 'session-ended':
          // The shell shows the log-in; the answer stays on this phone for this parent's next log-in.
          break;
      }
    } catch (e) {
      error.textContent = `Not sent: ${e instanceof Error ? e.message : 'please try again'}.`;
      error.hidden = false;
    } finally {
      yes.disabled = no.disabled = false;
    }
  };
  yes.addEventListener('click', () => void send(true));
  no.addEventListener('click', () => void send(false));
  return h(
    'section',
    { 'aria-labelledby': 'rec-h', class: 'card rec' },
    h('h2', { id: 'rec-h' }, 'Next suggestion'),
    h('p', { 'data-testid': 'rec-text', class: 'rec-text' }, card.text),
    card.scheduled ? h('p', { class: 'muted' }, `Planned for ${card.scheduled} (your time).`) : null,
    h('h3', {}, 'Why'),
    h('ul', { 'data-testid': 'rec-why' }, ...card.why.map((w) => h('li', {}, w))),
    h('label', { for: 'rec-comment' }, 'Comment (optional)'),
    comment,
    h('p', { class: 'muted', id: 'vote-hint' }, 'Was it helpful? Your answer is sent with the comment above.'),
    h('div', { class: 'votes', role: 'group', 'aria-describedby': 'vote-hint' }, yes, no),
    status,
    error,
  );
}

const KIND_WORDS: Record<string, string> = {
  stress_sustained: 'Stress stayed high',
  device_anomaly: 'The wearable may not be working properly',
  missed_wear: 'The wearable was not worn',
};

export function alertTitle(a: Alert): string {
  return KIND_WORDS[a.kind] ?? a.kind.replace(/_/g, ' ');
}

export function alertsScreen(ctx: AppContext): Screen {
  ctx.markAlertsSeen();
  const alerts = ctx.alerts();
  const now = ctx.now();
  const synced = ctx.alertsSyncedAt();
  const banner = !ctx.alertsLive() && synced !== null ? offlineBanner(synced, now) : null;
  const list =
    alerts.length === 0
      ? h('p', {}, ctx.alertsLive() ? 'No alerts. New ones appear here as they happen.' : 'No alerts seen yet.')
      : h(
          'ul',
          { class: 'alerts' },
          ...alerts.map((a) => {
            const at = new Date(a.at);
            return h(
              'li',
              { 'data-testid': 'alert-item', 'data-alert-id': a.alertId, class: `card alert sev-${a.severity}` },
              h('p', { class: 'alert-title' }, h('strong', {}, alertTitle(a)), ` — ${childName(ctx, a.childId)}`),
              h('p', { class: 'muted' }, `Severity: ${a.severity}. ${Number.isFinite(at.getTime()) ? `${shortDay(at)} at ${clock(at)}` : ''}`),
              a.detail ? h('p', {}, a.detail) : null,
            );
          }),
        );
  return {
    nodes: [
      h('h1', {}, 'Alerts'),
      banner,
      h('p', { class: 'muted' }, ctx.alertsLive() ? 'Live: new alerts appear here at once.' : 'Not connected: reconnecting…'),
      list,
    ].filter(isNode),
  };
}
