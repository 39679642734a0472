package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.UserRepository;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<AppUser> findById(String id) {
        return Optional.ofNullable(em.find(AppUser.class, id));
    }

    @Override
    public Optional<AppUser> findByUsernameIgnoringCase(String username) {
        return em.createQuery("SELECT u FROM AppUser u WHERE LOWER(u.username) = LOWER(:u)", AppUser.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void add(AppUser user) {
        em.persist(user);
        // Staff assignments and guardian links refer to the account by id: it must be in the table first.
        em.flush();
    }

    /** Accounts are not filtered by EclipseLink (log-in needs them before a tenant is known): the query names it. */
    @Override
    public List<AppUser> ofCurrentTenant() {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.tenantId = :t ORDER BY u.username", AppUser.class)
                .setParameter("t", TenantScopedQueries.tenant(em))
                .getResultList();
    }

    @Override
    public List<AppUser> activeInTenant(String tenantId) {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.tenantId = :t ORDER BY u.username", AppUser.class)
                .setParameter("t", tenantId)
                .getResultStream()
                .filter(u -> !u.isDisabled())
                .toList();
    }

    @Override
    public Optional<AppUser> findInCurrentTenant(String id) {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.id = :id AND u.tenantId = :t", AppUser.class)
                .setParameter("id", id)
                .setParameter("t", TenantScopedQueries.tenant(em))
                .getResultStream()
                .findFirst();
    }
}
