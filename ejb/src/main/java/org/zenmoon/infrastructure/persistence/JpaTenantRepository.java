package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantRepository;

@ApplicationScoped
public class JpaTenantRepository implements TenantRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public List<String> allIds() {
        return em.createQuery("SELECT t.id FROM Tenant t ORDER BY t.id", String.class)
                .getResultList();
    }

    @Override
    public List<Tenant> all() {
        return em.createQuery("SELECT t FROM Tenant t ORDER BY t.name", Tenant.class)
                .getResultList();
    }

    @Override
    public boolean nameTaken(String name) {
        return !em.createQuery("SELECT t.id FROM Tenant t WHERE LOWER(t.name) = LOWER(:n)", String.class)
                .setParameter("n", name)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    @Override
    public void add(Tenant tenant) {
        em.persist(tenant);
        // The first admin's account refers to the tenant: it must be in the table first.
        em.flush();
    }

    @Override
    public Optional<Tenant> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(Tenant.class, id));
    }
}
