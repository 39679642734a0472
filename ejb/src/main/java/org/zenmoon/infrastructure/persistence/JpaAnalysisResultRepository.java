package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.zenmoon.domain.model.analysis.AnalysisResult;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;

@ApplicationScoped
public class JpaAnalysisResultRepository implements AnalysisResultRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void add(AnalysisResult result) {
        em.persist(result);
    }
}
