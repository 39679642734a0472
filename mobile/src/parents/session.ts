import { ApiClient, ApiError } from '../shared/api';
import type { TokenAnswer } from '../shared/types';

/**
 * The parents' session: the access token lives in memory and in sessionStorage (so a reload keeps it, closing the
 * tab ends it), never in localStorage or a cookie. It is dropped at log-out, at the first 401 and at its expiry.
 * Beside it: the account it belongs to (the saved answers are that account's), its roles (which actions a screen
 * offers; the server decides what is allowed) and when it expires.
 */

const KEY = 'zenmoon.token';
const ACCOUNT_KEY = 'zenmoon.account';
const EXPIRES_KEY = 'zenmoon.expiresAt';
const ROLES_KEY = 'zenmoon.roles';

export class Session {
  private token: string | null;
  private owner: string | null;
  private expiry: number | null;
  private granted: readonly string[];

  constructor(private readonly storage: Storage | null = safeSessionStorage()) {
    this.token = this.read(KEY);
    this.owner = this.token === null ? null : (this.read(ACCOUNT_KEY) ?? accountOf(this.token, null));
    const expiry = Number(this.read(EXPIRES_KEY) ?? NaN);
    this.expiry = this.token !== null && Number.isFinite(expiry) ? expiry : null;
    this.granted = this.token === null ? [] : (parseRoles(this.read(ROLES_KEY)) ?? rolesOf(this.token));
  }

  get(): string | null {
    return this.token;
  }

  /** The logged-in account (the token's `sub`, else the user name), or null. */
  account(): string | null {
    return this.owner;
  }

  /** The roles of the logged-in account (`GUARDIAN`, ...), as the log-in answered them; empty when not known. */
  roles(): readonly string[] {
    return this.granted;
  }

  /** When the token expires (epoch ms), or null when not known. */
  expiresAt(): number | null {
    return this.expiry;
  }

  set(
    token: string,
    account: string | null = accountOf(token, null),
    expiresAt: number | null = null,
    roles: readonly string[] = rolesOf(token),
  ): void {
    this.token = token;
    this.owner = account;
    this.expiry = expiresAt;
    this.granted = [...roles];
    this.write(KEY, token);
    this.write(ACCOUNT_KEY, account);
    this.write(EXPIRES_KEY, expiresAt === null ? null : String(expiresAt));
    this.write(ROLES_KEY, JSON.stringify(this.granted));
  }

  clear(): void {
    this.token = this.owner = this.expiry = null;
    this.granted = [];
    for (const key of [KEY, ACCOUNT_KEY, EXPIRES_KEY, ROLES_KEY]) this.write(key, null);
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string | null): void {
    try {
      if (value === null) this.storage?.removeItem(key);
      else this.storage?.setItem(key, value);
    } catch {
      // Private mode or a full store: the session stays in memory for this page.
    }
  }
}

/** The account a token belongs to: its JWT `sub` claim, or `username` when the token carries none. */
export function accountOf(token: string, username: string | null): string | null {
  const sub = claimsOf(token)?.sub;
  return typeof sub === 'string' && sub !== '' ? sub : username;
}

/** The roles a token names (its JWT `groups` claim), or none. */
export function rolesOf(token: string): string[] {
  return parseRoles(JSON.stringify(claimsOf(token)?.groups ?? null)) ?? [];
}

/** A JWT's claims, read without checking the signature (the server checks it), or null for another token. */
function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const claims = JSON.parse(json) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseRoles(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const roles = JSON.parse(json) as unknown;
    return Array.isArray(roles) && roles.every((r) => typeof r === 'string') ? roles : null;
  } catch {
    return null;
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Logs in, or says in words why not (the message shown under the form). */
export async function logIn(
  api: ApiClient,
  session: Session,
  username: string,
  password: string,
  now: number = Date.now(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const answer = await api.post<TokenAnswer>('/auth/token', { username, password });
    if (!answer || typeof answer.accessToken !== 'string') {
      return { ok: false, message: 'ZenMoon gave no token. Please try again.' };
    }
    const expiresIn = Number(answer.expiresIn);
    session.set(
      answer.accessToken,
      accountOf(answer.accessToken, username),
      Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : null,
      Array.isArray(answer.roles) ? answer.roles.filter((r) => typeof r === 'string') : rolesOf(answer.accessToken),
    );
    return { ok: true };
  } catch (e) {
    return { ok: false, message: logInError(e) };
  }
}

export function logInError(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Log-in failed. Please try again.';
  if (e.offline) return 'No connection to ZenMoon. Check the network and try again.';
  if (e.status === 401) return 'Wrong user name or password.';
  if (e.status === 429) {
    return e.retryAfterSeconds === null
      ? 'Too many failed log-ins. Please wait a while and try again.'
      : `Too many failed log-ins. Please try again in ${Math.max(1, Math.ceil(e.retryAfterSeconds / 60))} minute${
          e.retryAfterSeconds > 60 ? 's' : ''
        }.`;
  }
  if (e.status === 400) return 'Please enter your user name and password.';
  return `Log-in failed: ${e.message}`;
}
