package org.zenmoon.domain.model.analysis;

/** Stored analysis results of the current tenant. */
public interface AnalysisResultRepository {

    void add(AnalysisResult result);
}
