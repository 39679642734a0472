package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.child.Child;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.GuardianLink;
import org.zenmoon.domain.model.child.Intervention;

@ApplicationScoped
public class JpaChildRepository implements ChildRepository {

    private static final String SUMMARY = "SELECT NEW org.zenmoon.domain.model.child.ChildSummary("
            + "c.id, c.pseudonym, c.cohortId, h.name, c.birthYear, c.chronotype) "
            + "FROM Child c, Cohort h WHERE h.id = c.cohortId";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public List<ChildSummary> summaries(ChildScope scope) {
        return scoped(scope, "", " ORDER BY h.name, c.pseudonym")
                .map(TypedQuery::getResultList)
                .orElse(List.of());
    }

    @Override
    public Optional<ChildSummary> summary(ChildScope scope, String childId) {
        return scoped(scope, " AND c.id = :id", "")
                .flatMap(q -> q.setParameter("id", childId).getResultStream().findFirst());
    }

    /** The summary query narrowed to {@code scope}; empty for a scope that holds no child. */
    private Optional<TypedQuery<ChildSummary>> scoped(ChildScope scope, String condition, String order) {
        if (scope instanceof ChildScope.WholeTenant) {
            return Optional.of(em.createQuery(SUMMARY + condition + order, ChildSummary.class));
        }
        if (scope instanceof ChildScope.Cohorts cohorts && !cohorts.cohortIds().isEmpty()) {
            return Optional.of(
                    em.createQuery(SUMMARY + " AND c.cohortId IN :cohorts" + condition + order, ChildSummary.class)
                            .setParameter("cohorts", List.copyOf(cohorts.cohortIds())));
        }
        if (scope instanceof ChildScope.GuardianOf guardian) {
            return Optional.of(em.createQuery(
                            SUMMARY + " AND c.id IN (SELECT g.childId FROM GuardianLink g WHERE g.userId = :guardian)"
                                    + condition + order,
                            ChildSummary.class)
                    .setParameter("guardian", guardian.userId()));
        }
        return Optional.empty();
    }

    @Override
    public List<Child> all() {
        return em.createQuery("SELECT c FROM Child c ORDER BY c.id", Child.class)
                .getResultList();
    }

    @Override
    public Optional<Child> find(String childId) {
        return Optional.ofNullable(em.find(Child.class, childId));
    }

    @Override
    public boolean pseudonymTaken(String pseudonym) {
        return !em.createQuery("SELECT c.id FROM Child c WHERE LOWER(c.pseudonym) = LOWER(:p)", String.class)
                .setParameter("p", pseudonym)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void add(Child child) {
        em.persist(child);
        // Entities refer to each other by id, so EclipseLink does not order inserts by foreign key: flush now, so
        // that what refers to the child can follow, and a clash surfaces inside the call.
        em.flush();
    }

    @Override
    public boolean linked(String childId, String userId) {
        return em.find(GuardianLink.class, new GuardianLink.Key(childId, userId)) != null;
    }

    @Override
    public void link(GuardianLink link) {
        em.persist(link);
        em.flush();
    }

    @Override
    public boolean unlink(String childId, String userId) {
        GuardianLink link = em.find(GuardianLink.class, new GuardianLink.Key(childId, userId));
        if (link == null) {
            return false;
        }
        em.remove(link);
        em.flush();
        return true;
    }

    @Override
    public List<String> guardiansOf(String childId) {
        return em.createQuery("SELECT g.userId FROM GuardianLink g WHERE g.childId = :child", String.class)
                .setParameter("child", childId)
                .getResultList();
    }

    @Override
    public void add(Intervention intervention) {
        em.persist(intervention);
        em.flush();
    }
}
