package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.UserRepository;

@ApplicationScoped
public class JpaUserRepository implements UserRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<AppUser> findByUsername(String username) {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.username = :u", AppUser.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<AppUser> findById(String id) {
        return Optional.ofNullable(em.find(AppUser.class, id));
    }
}
