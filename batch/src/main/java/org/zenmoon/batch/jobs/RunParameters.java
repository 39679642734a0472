package org.zenmoon.batch.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;

/** The job parameters every artifact of an analysis job receives (see the JSL files), and the binding they need. */
abstract class RunParameters {

    @Inject
    @BatchProperty
    String runId;

    @Inject
    @BatchProperty
    String tenantId;

    @Inject
    @BatchProperty
    String actorId;

    @Inject
    RunBinding binding;

    long run() {
        return Long.parseLong(runId);
    }

    <T> T asActor(Callable<T> work) throws Exception {
        return binding.call(runId, tenantId, actorId, work);
    }
}
