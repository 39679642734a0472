/**
 * Which alerts the parent has already seen on the alerts screen, per account, in localStorage, so that the badge
 * counts the same new alerts after a reload. Only alert ids and their times are kept (no child's data), those of
 * the newest {@link SEEN_LIMIT} alerts (by the alert's time, whatever order they are handed over in): older alerts
 * fall out of the app's look-back long before.
 */

export const SEEN_LIMIT = 500;
const PREFIX = 'zenmoon.alertsSeen:';

/** What is kept of an alert: its id and its time (ISO-8601). */
export interface SeenAlert {
  readonly alertId: string;
  readonly at: string;
}

interface Entry {
  readonly id: string;
  /** Epoch ms; 0 for ids kept before times were (they go first). */
  readonly at: number;
}

export class SeenAlerts {
  /** Oldest alert first. */
  private entries: Entry[];
  private readonly set: Set<string>;

  constructor(
    private readonly account: string | null,
    private readonly storage: Storage | null = safeLocalStorage(),
    private readonly limit = SEEN_LIMIT,
  ) {
    this.entries = this.read();
    this.set = new Set(this.entries.map((e) => e.id));
  }

  has(alertId: string): boolean {
    return this.set.has(alertId);
  }

  /** Notes these alerts as seen; keeps only the newest `limit` of them. */
  add(alerts: Iterable<SeenAlert>): void {
    let changed = false;
    for (const alert of alerts) {
      if (this.set.has(alert.alertId)) continue;
      const at = Date.parse(alert.at);
      this.entries.push({ id: alert.alertId, at: Number.isFinite(at) ? at : 0 });
      this.set.add(alert.alertId);
      changed = true;
    }
    if (!changed) return;
    this.entries.sort((a, b) => a.at - b.at);
    for (const old of this.entries.splice(0, Math.max(0, this.entries.length - this.limit))) this.set.delete(old.id);
    if (this.account === null) return;
    try {
      this.storage?.setItem(PREFIX + encodeURIComponent(this.account), JSON.stringify(this.entries.map((e) => [e.id, e.at])));
    } catch {
      // Private mode or a full store: seen for this page only.
    }
  }

  private read(): Entry[] {
    if (this.account === null) return [];
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(PREFIX + encodeURIComponent(this.account)) ?? '[]');
      if (!Array.isArray(parsed)) return [];
      const entries = parsed.flatMap((v): Entry[] => {
        if (typeof v === 'string') return [{ id: v, at: 0 }]; // as kept before times were
        if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' && Number.isFinite(v[1])) return [{ id: v[0], at: v[1] }];
        return [];
      });
      return entries.sort((a, b) => a.at - b.at).slice(-this.limit);
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
