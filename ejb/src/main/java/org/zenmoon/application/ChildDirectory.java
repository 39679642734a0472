package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Which children a caller may see: staff see every child of their tenant, a guardian sees the children
 * linked to them. The tenant wall itself is EclipseLink's, set by {@link TenantInterceptor}.
 */
@Stateless
@TenantBound
@Audited
public class ChildDirectory {

    private static final String VIEW = "SELECT NEW org.zenmoon.application.ChildView("
            + "c.id, c.pseudonym, c.cohortId, h.name, c.birthYear, c.chronotype) "
            + "FROM Child c, Cohort h WHERE h.id = c.cohortId";
    private static final String GUARDIAN_SCOPE =
            " AND c.id IN (SELECT g.childId FROM GuardianLink g WHERE g.userId = :guardian)";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Inject
    CurrentCaller currentCaller;

    public List<ChildView> visibleChildren() {
        return scoped(VIEW, " ORDER BY h.name, c.pseudonym").getResultList();
    }

    public ChildView find(String childId) {
        return scoped(VIEW + " AND c.id = :id", "")
                .setParameter("id", childId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Child"));
    }

    private TypedQuery<ChildView> scoped(String jpql, String suffix) {
        Caller caller = currentCaller.get();
        if (caller.isStaff()) {
            return em.createQuery(jpql + suffix, ChildView.class);
        }
        if (caller.isGuardianOnly()) {
            return em.createQuery(jpql + GUARDIAN_SCOPE + suffix, ChildView.class)
                    .setParameter("guardian", caller.userId());
        }
        throw new NotFoundException("Child");
    }
}
