package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;
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
 * <p>The four run in this bean's transaction (one per child, as in each job), each audited as in its own job; the
 * job's writer stores all their results with the partition's checkpoint. An analysis that cannot use the child's
 * data is left out for that child, with its reason in the log, and the others' results are stored; a child none of
 * them can use, or whose analysis consent was withdrawn since the run started, is skipped.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class AllAnalyses implements ChildAnalysis {

    public static final String JOB = "analyses";

    private static final Logger LOG = Logger.getLogger(AllAnalyses.class.getName());

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
        ChildOutput detected = attempt(childId, SleepDetection.JOB, () -> sleep.analyse(childId, recent));
        ChildOutput typed = attempt(childId, ChronotypeRefresh.JOB, () -> chronotype.analyse(childId, recent));
        ChildOutput effects = attempt(childId, CausalRefresh.JOB, () -> causal.analyse(childId, recent));
        ChildOutput forecasts = attempt(childId, ForecastRefresh.JOB, () -> forecast.analyse(childId, recent));
        List<ChildOutput> done = Stream.of(detected, typed, effects, forecasts)
                .filter(Objects::nonNull)
                .toList();
        if (done.isEmpty()) {
            throw new ChildSkipped("no analysis could use the child's data (the reasons are in the log)");
        }
        List<ChildOutput.Result> results = new ArrayList<>();
        done.forEach(o -> results.addAll(o.results()));
        return new ChildOutput(
                childId,
                List.copyOf(results),
                detected == null ? null : detected.sleep(),
                typed == null ? null : typed.chronotype(),
                null,
                recent.readNanos());
    }

    /**
     * One analysis of the child; null when it cannot use the child's data, so that the other three still store
     * theirs (as their own jobs would), with the reason in the log.
     */
    private static ChildOutput attempt(String childId, String analysis, Supplier<ChildOutput> work) {
        try {
            return work.get();
        } catch (ChildSkipped e) {
            LOG.warning(() -> JOB + " left out " + analysis + " for child " + childId + ": " + e.getMessage());
            return null;
        }
    }
}
