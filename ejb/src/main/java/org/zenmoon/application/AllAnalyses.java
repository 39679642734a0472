package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;

/**
 * The {@code analyses} job's analysis, the nightly one: a child's last 60 days of epochs read once, and the sleep
 * detection, the chronotype, the causal effects and the forecasts computed from them in turn (the minutes scored
 * sleep or wake once, for all three that need episodes), each by its own job's service, so that the results are
 * exactly those the four jobs store one by one. Reading a child's minutes was most of the nightly pipeline's time,
 * four times over (docs/BENCHMARKS.md, "Nightly analysis pipeline").
 *
 * <p>Each analysis commits on its own, as in its own job; the job's writer stores all their results with the
 * partition's checkpoint. A child that one analysis cannot handle is skipped as a whole, with that analysis's reason.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class AllAnalyses implements ChildAnalysis {

    public static final String JOB = "analyses";

    @Inject
    ChildData data;

    @Inject
    SleepDetection sleep;

    @Inject
    ChronotypeRefresh chronotype;

    @Inject
    CausalRefresh causal;

    @Inject
    ForecastRefresh forecast;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    @Audited("analysis")
    public ChildOutput analyse(String childId) {
        ChildData.Recent recent = data.recent(childId);
        List<ChildOutput> outputs = List.of(
                sleep.analyse(childId, recent),
                chronotype.analyse(childId, recent),
                causal.analyse(childId, recent),
                forecast.analyse(childId, recent));
        List<ChildOutput.Result> results = new ArrayList<>();
        outputs.forEach(o -> results.addAll(o.results()));
        return new ChildOutput(
                childId,
                List.copyOf(results),
                outputs.get(0).sleep(),
                outputs.get(1).chronotype(),
                null,
                recent.readNanos());
    }
}
