/**
 * Application services: what the REST API, the portal and the batch jobs ask of ZenMoon. Each service is a thin,
 * transactional EJB over the domain's repositories and the analysis engines. Cross-cutting rules are not written
 * here but declared: {@code @TenantBound} (tenant), {@code @Requires} (authorisation), {@code @Audited} (audit);
 * see {@code security} and {@code audit}, and docs/ARCHITECTURE.md.
 */
package org.zenmoon.application;
