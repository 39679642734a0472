/**
 * Which alerts the parent has already seen on the alerts screen, per account, in localStorage, so that the badge
 * counts the same new alerts after a reload. Only alert ids are kept (no child's data), the latest {@link SEEN_LIMIT}
 * of them: older alerts fall out of the app's look-back long before.
 */

export const SEEN_LIMIT = 500;
const PREFIX = 'zenmoon.alertsSeen:';

export class SeenAlerts {
  private readonly ids: string[];
  private readonly set: Set<string>;

  constructor(
    private readonly account: string | null,
    private readonly storage: Storage | null = safeLocalStorage(),
    private readonly limit = SEEN_LIMIT,
  ) {
    this.ids = this.read();
    this.set = new Set(this.ids);
  }

  has(alertId: string): boolean {
    return this.set.has(alertId);
  }

  /** Notes these alerts as seen; keeps only the latest `limit` ids. */
  add(alertIds: Iterable<string>): void {
    let changed = false;
    for (const id of alertIds) {
      if (this.set.has(id)) continue;
      this.ids.push(id);
      this.set.add(id);
      changed = true;
    }
    if (!changed) return;
    for (const old of this.ids.splice(0, Math.max(0, this.ids.length - this.limit))) this.set.delete(old);
    if (this.account === null) return;
    try {
      this.storage?.setItem(PREFIX + encodeURIComponent(this.account), JSON.stringify(this.ids));
    } catch {
      // Private mode or a full store: seen for this page only.
    }
  }

  private read(): string[] {
    if (this.account === null) return [];
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(PREFIX + encodeURIComponent(this.account)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string').slice(-this.limit) : [];
    } catch {
      return [];
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
