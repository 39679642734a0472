/**
 * Analysis job runs: what an admin (or the nightly schedule) asked to run over a tenant's children, split into
 * partitions of children, each with its checkpoint and counters.
 */
package org.zenmoon.domain.model.job;
