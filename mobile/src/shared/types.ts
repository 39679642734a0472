/** Shapes of ZenMoon's API answers the app reads (../shared/API.md). */

export interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly roles: readonly string[];
}

export interface ChildSummary {
  readonly childId: string;
  readonly pseudonym: string;
  readonly cohortId?: string;
  readonly birthYear?: number;
  readonly chronotype?: string | null;
}

export interface PairAnswer {
  readonly deviceId: string;
  readonly deviceToken: string;
}

/** `GET /devices/me` with a device token: the device's own pairing (docs/INGEST.md, "Pairing"). */
export interface DeviceSelf {
  readonly deviceId: string;
  readonly childId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** One epoch as `/ingest/batches` takes it (docs/INGEST.md); `null` fields are left out. */
export interface UploadEpoch {
  readonly t: string;
  readonly hr?: number;
  readonly rmssd?: number;
  readonly eda?: number;
  readonly activity?: number;
  readonly stress?: number;
  readonly quality?: number;
  readonly scr?: number;
  readonly wear?: boolean;
  readonly anomaly?: number;
  readonly seq?: number;
}

export interface BatchAnswer {
  readonly batchId: string;
  readonly accepted: number;
  readonly duplicates: number;
  readonly clockSkewFlagged: boolean;
}

export interface Alert {
  readonly alertId: string;
  readonly childId: string;
  readonly kind: string;
  readonly severity: string;
  readonly at: string;
  readonly detail: string;
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
  /** When the server stored the alert; `/alerts?from=` bounds this, not `at`. */
  readonly raisedAt?: string;
}
