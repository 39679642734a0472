package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Gives the in-container tests the application's persistence unit. */
@ApplicationScoped
public class TenantJpa {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    public EntityManager em() {
        return em;
    }
}
