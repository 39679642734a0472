import { ApiClient, ApiError } from '../shared/api';
import type { TokenAnswer } from '../shared/types';

/**
 * The parents' session: the access token lives in memory and in sessionStorage (so a reload keeps it, closing the
 * tab ends it), never in localStorage or a cookie. It is dropped at log-out and at the first 401.
 */

const KEY = 'zenmoon.token';

export class Session {
  private token: string | null;

  constructor(private readonly storage: Storage | null = safeSessionStorage()) {
    this.token = this.storage?.getItem(KEY) ?? null;
  }

  get(): string | null {
    return this.token;
  }

  set(token: string): void {
    this.token = token;
    try {
      this.storage?.setItem(KEY, token);
    } catch {
      // Private mode or a full store: the token stays in memory for this page.
    }
  }

  clear(): void {
    this.token = null;
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // Nothing was stored.
    }
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
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const answer = await api.post<TokenAnswer>('/auth/token', { username, password });
    if (!answer || typeof answer.accessToken !== 'string') {
      return { ok: false, message: 'ZenMoon gave no token. Please try again.' };
    }
    session.set(answer.accessToken);
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
