package org.zenmoon.domain.model.recommendation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The bound tenant's model versions and their history. */
public interface ModelRepository {

    /** The model version of this name with this status (active and candidate are unique). */
    Optional<ModelVersion> withStatus(String name, ModelStatus status);

    Optional<ModelVersion> find(String id);

    /**
     * Locks the named model's active and candidate versions until the transaction ends, so that two decisions about
     * them (an A/B test's promotion, rollback or replacement) happen one after the other.
     */
    void lockLive(String name);

    /** The version's ONNX model. */
    byte[] onnx(String id);

    /** The next version number of the named model. */
    int nextVersion(String name);

    /**
     * Stores a new version.
     *
     * @return false when a unique rule refused it (another active or candidate version, or the same number)
     */
    boolean insert(ModelVersion v, byte[] onnx);

    /**
     * Moves a version from one status to another.
     *
     * @return false when it no longer had status {@code from} (another request moved it first)
     */
    boolean changeStatus(String id, ModelStatus from, ModelStatus to, Instant at);

    /** The named model's versions, newest first. */
    List<ModelVersion> versions(String name);

    void event(String kind, String modelVersion, String detailJson, Instant at);

    /** The latest events, newest first. */
    List<ModelEvent> events(int limit);
}
