package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
}
