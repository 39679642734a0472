package org.zenmoon.application;

/**
 * Fired when a tenant's feedback reaches the next multiple of {@code zenmoon.recommender.retrain-every}; the batch
 * layer starts the {@code retrain-recommender} job once the feedback has committed.
 */
public record RetrainDue(String tenantId) {}
