package org.zenmoon.batch.jobs;

import jakarta.batch.api.Batchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zenmoon.application.RetentionPurge;

/**
 * The {@code retention} job's first step: drops the month partitions of the epochs that every tenant's retention
 * period has passed ({@link RetentionPurge#dropExpiredPartitions}), before the children's own rows are thinned.
 */
@Named("expiredPartitionsBatchlet")
@Dependent
public class ExpiredPartitionsBatchlet extends RunParameters implements Batchlet {

    private static final Logger LOG = Logger.getLogger(ExpiredPartitionsBatchlet.class.getName());

    @Inject
    RetentionPurge retention;

    /**
     * Dropping whole months only saves the children's step work: when it fails, the children's step still deletes
     * their expired rows, and the months go another night.
     */
    @Override
    public String process() throws Exception {
        try {
            List<String> dropped = asActor(retention::dropExpiredPartitions);
            if (!dropped.isEmpty()) {
                LOG.info(() -> "retention dropped the expired epoch partitions " + dropped);
            }
            return "dropped " + dropped.size() + " month partitions";
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "retention could not drop expired epoch partitions: {0}",
                    e.getClass().getName());
            return "no month partition dropped";
        }
    }

    @Override
    public void stop() {
        // One statement, bounded by its lock timeout: it finishes or rolls back.
    }
}
