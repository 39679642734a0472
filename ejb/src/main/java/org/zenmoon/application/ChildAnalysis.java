package org.zenmoon.application;

/**
 * What one analysis job does for one child: reads the child's stored data, runs an engine and hands back what to
 * store. Nothing is written here: the job's writer stores a whole chunk's outputs with the partition's checkpoint,
 * in one transaction ({@link JobRuns#commit}).
 */
public interface ChildAnalysis {

    /** The job (API.md's name) this analysis is the step of. */
    String jobName();

    /** @throws ChildSkipped when this child's data cannot be analysed */
    ChildOutput analyse(String childId);
}
