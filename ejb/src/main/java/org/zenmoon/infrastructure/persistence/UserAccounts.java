package org.zenmoon.infrastructure.persistence;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.zenmoon.domain.model.user.AppUser;

/** Account look-ups by user name, used at log-in before any tenant is known. */
@Stateless
public class UserAccounts {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    public Optional<AppUser> findByUsername(String username) {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.username = :u", AppUser.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst();
    }
}
