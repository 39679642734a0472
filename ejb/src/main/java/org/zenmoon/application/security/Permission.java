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
    ERASE_CHILD,
    /** Create tenants with their first admin, and list them. */
    MANAGE_TENANTS,
    /** Read and change one's tenant's settings: how long it keeps children's data, and its time zone. */
    MANAGE_SETTINGS,
    /** Create, change, reset and disable the accounts of one's tenant. */
    MANAGE_USERS,
    /** List the cohorts in one's scope. */
    LIST_COHORTS,
    /** Create cohorts in one's tenant. */
    MANAGE_COHORTS,
    /** Register children in one's tenant and link their guardians. */
    MANAGE_CHILDREN,
    /** Grant and withdraw consent for one's own children. */
    GIVE_CONSENT,
    /** Log interventions for the children in one's scope. */
    LOG_INTERVENTIONS,
    /** Log events for the cohorts in one's scope. */
    LOG_COHORT_EVENTS,
    /** Pair a wearable with a child, or unpair it (guardians of the child, staff who see it). */
    PAIR_DEVICES,
    /** Upload a paired child's measurements (a device, for its own child only). */
    UPLOAD_DATA,
    /** Answer a linked child's recommendations with 👍/👎 (guardians only: the answer is the model's reward). */
    GIVE_FEEDBACK,
    /** Read the recommender's models, A/B tests and their history. */
    READ_MODELS,
    /** Acknowledge the alerts of the children in one's scope (staff: the school or clinic has seen to it). */
    ACK_ALERTS
}
