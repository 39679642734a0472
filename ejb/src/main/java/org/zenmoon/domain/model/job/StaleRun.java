package org.zenmoon.domain.model.job;

/** An active run whose heartbeat stopped: its server was killed or lost (identifiers only). */
public record StaleRun(String tenantId, long runId, String jobName, String startedBy, Long executionId) {}
