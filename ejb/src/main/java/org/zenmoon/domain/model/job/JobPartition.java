package org.zenmoon.domain.model.job;

/**
 * A range of a tenant's children, in id order ({@code firstChild} to {@code lastChild}, both included), that one
 * thread analyses; {@code doneThrough} is its checkpoint, the last child whose chunk committed (null before the
 * first).
 */
public record JobPartition(
        long runId,
        int partition,
        String firstChild,
        String lastChild,
        int total,
        String doneThrough,
        int read,
        int written,
        int skipped) {}
