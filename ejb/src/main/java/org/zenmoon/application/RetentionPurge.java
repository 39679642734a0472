package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.epoch.EpochRepository;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantRepository;

/**
 * The {@code retention} job: each child's data older than the tenant's retention period goes, with what the
 * withdrawn consents whose grace period is over covered ({@link ChildDataLifecycle}, in the chunk's transaction).
 * The cut-off is the start of the UTC day {@code retention_days} before today. Before the children, whole month
 * partitions of the epochs that every tenant's period has passed are dropped ({@link #dropExpiredPartitions}).
 * Unlike the analyses, it covers every child of the tenant, with consent or without.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class RetentionPurge implements ChildAnalysis {

    public static final String JOB = "retention";

    @Inject
    ChildRepository children;

    @Inject
    TenantRepository tenants;

    @Inject
    EpochRepository epochs;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Override
    public String jobName() {
        return JOB;
    }

    /**
     * What goes for the child: its cut-off. The chunk's writer deletes, and audits each delete for the child
     * ({@link ChildDataDeletes}); a child with nothing to delete leaves no row.
     */
    @Override
    public ChildOutput analyse(String childId) {
        children.find(childId).orElseThrow(() -> new ChildSkipped("the child no longer exists"));
        return ChildOutput.purge(childId, cutoff(retentionDays(), clock.instant()));
    }

    /** Drops the month partitions that no tenant keeps any more, and names them. */
    @Audited("purge")
    public List<String> dropExpiredPartitions() {
        return epochs.dropExpiredPartitions();
    }

    /** The start of the UTC day {@code retentionDays} before {@code now}'s: data dated before it goes. */
    static Instant cutoff(int retentionDays, Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(retentionDays));
    }

    private int retentionDays() {
        String tenant = callers.current().tenantId();
        return tenants.find(tenant)
                .map(Tenant::getRetentionDays)
                .orElseThrow(() -> new ChildSkipped("the tenant no longer exists"));
    }
}
