import { describe, expect, it } from 'vitest';
import { ownApiBase, parsePairingLink } from '../src/shared/pairing-link';

const BASE = 'https://zen.example/api/v1/';
const SECRET = 'Ab0_-'.repeat(8) + 'xyz'; // 43 base64url characters
const TOKEN = `zmd.8d1e2f3a-0000-4000-8000-000000000001.dev-42.${SECRET}`;
/** As `DeviceResource.pairingUri` builds it: both values URL-encoded (java.net.URLEncoder). */
const link = (server: string, token: string) =>
  `zenmoon://pair?server=${encodeURIComponent(server)}&token=${encodeURIComponent(token)}`;

describe('parsePairingLink', () => {
  it("takes a link for this app's own server, with the device id the token carries", () => {
    const parsed = parsePairingLink(`  ${link(BASE, TOKEN)}\n`, BASE);
    expect(parsed).toEqual({ ok: true, link: { server: BASE, token: TOKEN, deviceId: 'dev-42' } });
  });

  it('takes the server written without its trailing slash, as the same base', () => {
    const parsed = parsePairingLink(link('https://zen.example/api/v1', TOKEN), BASE);
    expect(parsed.ok).toBe(true);
  });

  it('refuses a link for another server, another port or another scheme, and names the server', () => {
    for (const other of ['https://evil.example/api/v1/', 'https://zen.example:8443/api/v1/', 'http://zen.example/api/v1/', 'https://zen.example/other/']) {
      const parsed = parsePairingLink(link(other, TOKEN), BASE);
      expect(parsed.ok, other).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain('another server');
    }
  });

  it('refuses a token with characters or a shape a device token never has', () => {
    for (const bad of [
      `zmd.t.dev-42.${SECRET.slice(1)}=`, // padding
      `zmd.t.dev 42.${SECRET}`, // a space
      `zmd.t.dev-42.${SECRET}x`, // a secret too long
      `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig`, // a parent's JWT
      `zmd.t.dev-42.${SECRET.slice(0, 42)}<`,
      `zmd.t.dev.42.${SECRET}`,
    ]) {
      const parsed = parsePairingLink(link(BASE, bad), BASE);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain('token is damaged');
    }
  });

  it('refuses a link without its server or token, with one of them twice, or of another kind', () => {
    const token = encodeURIComponent(TOKEN);
    const server = encodeURIComponent(BASE);
    const incomplete = [
      `zenmoon://pair?token=${token}`,
      `zenmoon://pair?server=${server}`,
      `zenmoon://pair?server=${server}&token=${token}&token=${token}`,
      'zenmoon://pair?',
    ];
    for (const text of incomplete) {
      const parsed = parsePairingLink(text, BASE);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain('incomplete');
    }
    for (const text of [`https://zen.example/pair?server=${server}&token=${token}`, `zenmoon://unpair?server=${server}&token=${token}`, TOKEN]) {
      const parsed = parsePairingLink(text, BASE);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain('not a ZenMoon pairing link');
    }
    const empty = parsePairingLink('   ', BASE);
    expect(empty.ok).toBe(false);
    const notAnAddress = parsePairingLink(`zenmoon://pair?server=nowhere&token=${token}`, BASE);
    expect(notAnAddress).toEqual({ ok: false, reason: 'The pairing link’s server is not an address.' });
  });

  it("is the page's origin with the API's path", () => {
    expect(ownApiBase('https://zen.example')).toBe(BASE);
    expect(ownApiBase('http://localhost:8080')).toBe('http://localhost:8080/api/v1/');
  });
});
