package org.zenmoon.application.security;

/** What a caller may do; {@link AccessPolicy} grants permissions to roles. */
public enum Permission {
    /** Read the children in one's scope and their results. */
    READ_CHILDREN,
    /** Use the counsellors' and clinicians' portal. */
    USE_PORTAL,
    /** Start analysis jobs and follow them. */
    RUN_JOBS,
    /** Read the disclosure log (audit rows) of the children whose records one may take. */
    READ_DISCLOSURES,
    /** Download everything stored about such a child (GDPR Art. 20). */
    EXPORT_CHILD,
    /** Erase a child from every table (GDPR Art. 17). */
    ERASE_CHILD
}
