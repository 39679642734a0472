package org.zenmoon.analysis.causal;

import java.util.Locale;

/** What a counsellor is told; see {@link VerdictRule} for when each is given. */
public enum Verdict {
    HELPS,
    HARMS,
    NO_EVIDENCE,
    INSUFFICIENT_DATA;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
