import type { ApiClient } from '../shared/api';
import type { Alert, ChildSummary } from '../shared/types';
import type { AnswerCache } from './offline';
import type { FeedbackQueue } from './outbox';

/** What the screens share with the shell. */
export interface AppContext {
  readonly api: ApiClient;
  readonly cache: AnswerCache;
  /** The answers (👍/👎) to send, kept on the phone until ZenMoon has them. */
  readonly feedback: FeedbackQueue;
  readonly now: () => Date;
  /** The roles of the logged-in account (`GUARDIAN`, ...): which actions the screens offer. */
  roles(): readonly string[];
  /** The children of the account, as last loaded. */
  children(): readonly ChildSummary[];
  /** All alerts seen in this session, newest first. */
  alerts(): readonly Alert[];
  /** True while the live connection is up. */
  alertsLive(): boolean;
  /** When the alerts were last brought up to date (a fetch or a push), or null. */
  alertsSyncedAt(): Date | null;
  /** Marks the alerts as read (clears the badge). */
  markAlertsSeen(): void;
}
