package org.zenmoon.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.NotAuthenticatedException;
import org.zenmoon.domain.model.user.Role;

/** The caller is bound for one unit of work, resolved at most once, and gone afterwards. */
class CallerContextTest {

    final CallerContext callers = new CallerContext();
    final Caller parent = new Caller("u1", "parent", "t1", Set.of(Role.GUARDIAN));

    @Test
    void theCallerIsKnownInsideItsUnitOfWorkOnly() throws Exception {
        assertThatThrownBy(callers::current).isInstanceOf(NotAuthenticatedException.class);
        assertThat(callers.callAs(parent, callers::current)).isEqualTo(parent);
        assertThatThrownBy(callers::current).isInstanceOf(NotAuthenticatedException.class);
    }

    @Test
    void aLazyCallerIsResolvedOnceAndOnlyWhenAsked() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        callers.callAs(
                () -> {
                    lookups.incrementAndGet();
                    return parent;
                },
                () -> null);
        assertThat(lookups).as("not asked, not looked up").hasValue(0);

        callers.callAs(
                () -> {
                    lookups.incrementAndGet();
                    return parent;
                },
                () -> {
                    callers.current();
                    return callers.current();
                });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anUnknownPrincipalIsNotAuthenticated() throws Exception {
        assertThatThrownBy(() -> callers.callAs(() -> null, callers::current))
                .isInstanceOf(NotAuthenticatedException.class);
    }

    @Test
    void aNestedUnitOfWorkRestoresTheOuterCaller() throws Exception {
        Caller admin = new Caller("u2", "admin", "t1", Set.of(Role.TENANT_ADMIN));
        Caller after = callers.callAs(admin, () -> {
            assertThat(callers.callAs(parent, callers::current)).isEqualTo(parent);
            return callers.current();
        });
        assertThat(after).isEqualTo(admin);
    }
}
