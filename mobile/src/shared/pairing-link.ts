/**
 * The pairing link the portal and the parents' app show (as a QR code and as text):
 * `zenmoon://pair?server=<the API's base URI>&token=<the device token>`, both URL-encoded
 * (`DeviceResource.pairingUri`). The companion takes it only for its own server: a link naming another server would
 * send the child's minutes there.
 */
import { API_BASE } from './api';

const PREFIX = 'zenmoon://pair?';
/** The device token's shape (`application.security.DeviceToken`): `zmd.<tenantId>.<deviceId>.<secret>`. */
const DEVICE_TOKEN = /^zmd\.([A-Za-z0-9_-]{1,36})\.([A-Za-z0-9_-]{1,36})\.[A-Za-z0-9_-]{43}$/;

export interface PairingLink {
  readonly server: string;
  readonly token: string;
  /** The device id the token carries (INGEST.md: the token is `zmd.<tenantId>.<deviceId>.<secret>`). */
  readonly deviceId: string;
}

export type ParsedLink = { readonly ok: true; readonly link: PairingLink } | { readonly ok: false; readonly reason: string };

/** This app's own API base as an absolute URL ending in `/`, e.g. `https://zenmoon.example/api/v1/`. */
export function ownApiBase(origin: string): string {
  return new URL(`${API_BASE}/`, origin).href;
}

/**
 * Reads a pasted (or scanned) link. `apiBase` is {@link ownApiBase}: a link for another server is refused, as is
 * anything that is not a pairing link with exactly one server and one well-formed device token.
 */
export function parsePairingLink(text: string, apiBase: string): ParsedLink {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Paste the pairing link from the parents’ app first.' };
  if (!trimmed.startsWith(PREFIX)) {
    return { ok: false, reason: 'This is not a ZenMoon pairing link: it should start with zenmoon://pair?' };
  }
  const params = new URLSearchParams(trimmed.slice(PREFIX.length));
  const servers = params.getAll('server');
  const tokens = params.getAll('token');
  if (servers.length !== 1 || tokens.length !== 1) {
    return { ok: false, reason: 'The pairing link is incomplete: it needs one server and one token. Copy all of it.' };
  }
  let server: URL;
  try {
    server = new URL(servers[0]!);
  } catch {
    return { ok: false, reason: 'The pairing link’s server is not an address.' };
  }
  if (normalise(server) !== normalise(new URL(apiBase))) {
    return {
      ok: false,
      reason: `The pairing link is for another server (${server.origin}), not this one: open the companion there, or make a new link here.`,
    };
  }
  const token = tokens[0]!;
  const m = DEVICE_TOKEN.exec(token);
  if (m === null) return { ok: false, reason: 'The pairing link’s token is damaged. Copy all of the link, or make a new one.' };
  return { ok: true, link: { server: server.href, token, deviceId: m[2]! } };
}

/** Origin and path, with one trailing slash: `/api/v1` and `/api/v1/` are the same base. */
function normalise(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
}
