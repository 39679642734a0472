package org.zenmoon.batch.jobs;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.zenmoon.application.ChronotypeRefresh;

/** The {@code chronotype} job's step: one transaction per tenant; the exit status says how many children got a category. */
@Named("chronotypeBatchlet")
@Dependent
public class ChronotypeBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String tenantId;

    @Inject
    @BatchProperty
    String actorId;

    @Inject
    ChronotypeRefresh refresh;

    @Override
    public String process() {
        int known = 0;
        for (String tenant : refresh.tenantsFor(tenantId)) {
            known += refresh.refreshTenant(tenant, actorId);
        }
        return "children with a chronotype: " + known;
    }
}
