package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.zenmoon.domain.model.consent.Consent;
import org.zenmoon.domain.model.consent.ConsentRepository;
import org.zenmoon.domain.model.consent.ConsentScope;

@ApplicationScoped
public class JpaConsentRepository implements ConsentRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public void add(Consent consent) {
        em.persist(consent);
        em.flush();
    }

    @Override
    public void saveChanges() {
        em.flush();
    }

    @Override
    public Optional<Consent> active(String childId, ConsentScope scope) {
        return em.createQuery(
                        "SELECT k FROM Consent k WHERE k.childId = :c AND k.scope = :s AND k.withdrawnAt IS NULL",
                        Consent.class)
                .setParameter("c", childId)
                .setParameter("s", scope)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Consent> ofChild(String childId) {
        return em.createQuery(
                        "SELECT k FROM Consent k WHERE k.childId = :c ORDER BY k.grantedAt DESC, k.id", Consent.class)
                .setParameter("c", childId)
                .getResultList();
    }

    @Override
    public Set<String> childrenWithActive(ConsentScope scope) {
        return new HashSet<>(em.createQuery(
                        "SELECT DISTINCT k.childId FROM Consent k WHERE k.scope = :s AND k.withdrawnAt IS NULL",
                        String.class)
                .setParameter("s", scope)
                .getResultList());
    }
}
