// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import axe from 'axe-core';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { startApp } from '../src/parents/app';
import { AnswerCache } from '../src/parents/offline';
import { Session } from '../src/parents/session';

async function violations(): Promise<string[]> {
  // Contrast needs layout, which happy-dom has not; the palette's ratios are in app.css.
  const result = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  it('finds no violations on the log-in screen', async () => {
    document.documentElement.lang = 'en';
    document.title = 'ZenMoon';
    document.body.innerHTML = '<div id="app"></div>';
    location.hash = '#/login';
    sessionStorage.clear();
    const app = startApp(document.getElementById('app')!, {
      fetcher: async () => new Response(null, { status: 404 }),
      cache: new AnswerCache(new IDBFactory()),
      session: new Session(sessionStorage),
    });
    for (let i = 0; i < 50 && !document.querySelector('[data-testid="login-username"]'); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(document.querySelector('[data-testid="login-username"]')).not.toBeNull();
    expect(await violations()).toEqual([]);
    app.stop();
  });

  it('finds no violations on the summary, forecast, suggestion, alerts and pairing screens', async () => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = '<div id="app"></div>';
    sessionStorage.setItem('zenmoon.token', 'T');
    sessionStorage.setItem('zenmoon.roles', '["GUARDIAN"]');
    location.hash = '#/child/c1';
    const answers: Record<string, unknown> = {
      '/api/v1/children': [{ childId: 'c1', pseudonym: 'Mila', chronotype: 'early_bird' }],
      '/api/v1/children/c1': { childId: 'c1', pseudonym: 'Mila', chronotype: 'early_bird' },
      '/api/v1/children/c1/chronotype': { status: 'ok', category: 'early_bird' },
      '/api/v1/children/c1/sleep-episodes': {
        items: [{ onset: '2026-03-19T21:00:00Z', wake: '2026-03-20T06:00:00Z', source: 'device' }],
        nextCursor: null,
      },
      '/api/v1/children/c1/epochs': { items: [], nextCursor: null },
      '/api/v1/children/c1/forecast': { metric: 'sleep', status: 'not_computed' },
      '/api/v1/children/c1/alerts': { items: [] },
      '/api/v1/children/c1/recommendations/next': {
        recommendationId: 'r1',
        intervention: 'box_breathing',
        text: 'Try box breathing.',
        scheduledFor: '2026-03-20T18:30:00Z',
        why: ['A reason.'],
        helpful: true,
      },
      '/api/v1/children/c1/devices': [
        { deviceId: 'd0', childId: 'c1', label: 'Old phone', createdAt: '2026-03-01T18:00:00Z', revokedAt: null },
        { deviceId: 'dx', childId: 'c1', label: 'Lost phone', createdAt: '2026-02-01T18:00:00Z', revokedAt: '2026-02-10T18:00:00Z' },
      ],
      '/api/v1/devices/pair': {
        deviceId: 'd1',
        deviceToken: `zmd.t.d1.${'s'.repeat(43)}`,
        pairingUri: `zenmoon://pair?server=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fv1%2F&token=zmd.t.d1.${'s'.repeat(43)}`,
      },
      '/api/v1/children/c1/recommendations': [
        { recommendationId: 'r0', intervention: 'stretching', text: 't', scheduledFor: '2026-03-18T18:30:00Z', why: [], helpful: false },
      ],
    };
    const app = startApp(document.getElementById('app')!, {
      fetcher: async (input) => {
        const body = answers[input.split('?')[0]!];
        return body === undefined ? new Response(null, { status: 404 }) : new Response(JSON.stringify(body));
      },
      socket: () => ({ onopen: null, onclose: null, onerror: null, onmessage: null, close() {} }),
      cache: new AnswerCache(new IDBFactory()),
      session: new Session(sessionStorage),
    });
    for (const [hash, testid] of [
      ['#/child/c1', 'summary-sleep'],
      ['#/child/c1/forecast', 'forecast-empty'],
      ['#/child/c1/recommendation', 'rec-text'],
      ['#/alerts', 'alerts-screen'],
    ] as const) {
      location.hash = hash;
      const shown = () =>
        testid === 'alerts-screen'
          ? document.querySelector('main h1')?.textContent === 'Alerts'
          : document.querySelector(`main [data-testid="${testid}"]`) !== null;
      for (let i = 0; i < 100 && !shown(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(shown(), hash).toBe(true);
      expect(document.querySelectorAll('main h1'), hash).toHaveLength(1);
      expect(await violations(), hash).toEqual([]);
    }
    location.hash = '#/child/c1/pair';
    for (let i = 0; i < 100 && !document.querySelector('[data-testid="pair-make"]'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await violations(), 'the pairing screen').toEqual([]);
    (document.querySelector('[data-testid="pair-make"]') as HTMLButtonElement).click();
    for (let i = 0; i < 100 && !document.querySelector('[data-testid="pair-qr"] svg'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(document.querySelector('[data-testid="pair-qr"] svg')).not.toBeNull();
    expect(await violations(), 'the pairing code').toEqual([]);
    app.stop();
  });
});
