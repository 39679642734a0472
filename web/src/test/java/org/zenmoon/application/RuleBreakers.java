package org.zenmoon.application;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import org.zenmoon.application.audit.AuditTrail;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.child.ChildScope;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.tenant.Tenancy;
import org.zenmoon.domain.model.tenant.TenantBinding;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.Role;
import org.zenmoon.infrastructure.persistence.JpaChildRepository;

/**
 * Code that breaks the house rules, one class per rule, for ArchitectureTest to show that each rule fails on it.
 * Test code only: never deployed, never called.
 */
public final class RuleBreakers {

    private RuleBreakers() {}

    /** An application class that reaches past the domain's interface into the JPA repository. */
    public static class ReachesIntoInfrastructure {
        List<ChildSummary> children(JpaChildRepository repository) {
            return repository.summaries(new ChildScope.WholeTenant());
        }
    }

    public static class SetsTheTenant {
        void bind(EntityManager em, String tenant) {
            em.setProperty(Tenancy.PROPERTY, tenant);
        }
    }

    public static class BindsATenant {
        void bind(TenantBinding binding) {
            binding.bind("t");
        }
    }

    public static class BindsACaller {
        Object asAdmin(CallerContext callers) throws Exception {
            return callers.callAs(new Caller("u", "u", "t", java.util.Set.of()), () -> null);
        }
    }

    public static class CallsTheAuditTrail {
        void audit(AuditTrail trail) {
            trail.record(new Caller("u", "u", "t", java.util.Set.of()), "r", "read", "here", List.of("c"), "ok");
        }
    }

    public static class WritesAnAuditRow {
        Object row() {
            return new AuditEvent(Instant.EPOCH, "u", "GUARDIAN", "r", "read", "here", "c", "ok");
        }
    }

    public static class ChecksARole {
        boolean admin(Caller caller) {
            return caller.roles().contains(Role.TENANT_ADMIN);
        }
    }

    public static class AnnotatesARole {
        @RolesAllowed("COUNSELLOR")
        public void counsellorsOnly() {}
    }

    public static class ChecksAPassword {
        boolean logIn(char[] password, String hash) {
            return PasswordHash.verify(password, hash);
        }
    }

    public static class QueriesItself {
        Object count(EntityManager em) {
            return em.createNativeQuery("SELECT count(*) FROM child").getSingleResult();
        }
    }

    @Entity
    public static class UnwalledEntity {
        @Id
        String id;
    }

    @Stateless
    public static class UnguardedService {
        public String childData(String childId) {
            return childId;
        }
    }

    public static class ReadsTheSystemClock {
        Instant now() {
            return Instant.now();
        }
    }
}
