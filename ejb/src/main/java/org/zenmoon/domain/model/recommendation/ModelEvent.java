package org.zenmoon.domain.model.recommendation;

import java.time.Instant;

/** One step of a model's life (trained, rejected, A/B started, promoted, rolled back), for the tenant admin. */
public record ModelEvent(Instant at, String kind, String modelVersion, String detailJson) {}
