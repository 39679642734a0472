package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.zenmoon.analysis.chronotype.Chronotype;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;

/**
 * The {@code chronotype} job's analysis: a child's chronotype from its last 60 days of epochs
 * ({@link ChronotypeComputation}), stored as an analysis result in the API's shape ({@link ChronotypeView}) and, as
 * a category, on the child, where lists and the portal read it. The job binds the admin who started it as the
 * caller; that admin must still be allowed to run jobs.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class ChronotypeRefresh implements ChildAnalysis {

    public static final String JOB = "chronotype";
    static final String KIND = "chronotype";

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    ChildRepository children;

    @Inject
    ChildData data;

    @Inject
    ChronotypeComputation computation;

    @Inject
    Clock clock;

    @Inject
    TenantZone zones;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    @Audited("analysis")
    public ChildOutput analyse(String childId) {
        return analyse(childId, data.recent(childId));
    }

    /**
     * The same analysis of epochs read already (the consent checked), in the caller's transaction: {@link
     * AllAnalyses} reads them once for all four.
     */
    @Audited("analysis")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ChildOutput analyse(String childId, ChildData.Recent recent) {
        Child child = children.find(childId).orElseThrow(() -> new ChildSkipped("the child no longer exists"));
        Instant now = clock.instant();
        Chronotype c = ChildData.engine("chronotype", () -> computation.analyse(recent, child.getBirthYear(), now));
        ChronotypeView view = ChronotypeView.of(c, now);
        return new ChildOutput(
                childId,
                List.of(new ChildOutput.Result(
                        ResultKey.ofChild(childId, KIND, ChildData.period(now, zones.current())),
                        JSON.toJson(view),
                        now)),
                null,
                new ChildOutput.Chronotype(view.category() == null ? null : c.category()),
                null,
                recent.readNanos());
    }
}
