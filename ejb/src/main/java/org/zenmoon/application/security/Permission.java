package org.zenmoon.application.security;

/** What a caller may do; {@link AccessPolicy} grants permissions to roles. */
public enum Permission {
    /** Read the children in one's scope and their results. */
    READ_CHILDREN,
    /** Use the counsellors' and clinicians' portal. */
    USE_PORTAL,
    /** Start analysis jobs and follow them. */
    RUN_JOBS
}
