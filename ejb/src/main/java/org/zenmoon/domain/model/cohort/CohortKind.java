package org.zenmoon.domain.model.cohort;

/** A school class, or a clinic's panel of patients. */
public enum CohortKind {
    CLASS,
    PANEL
}
