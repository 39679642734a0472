package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.Role;
import org.zenmoon.domain.model.user.UserRepository;

/**
 * The tenant admin reads a child's guardians (the linked accounts by user name, disabled ones marked) and unlinks
 * one: only a link that exists, of a child in the admin's scope.
 */
class ChildRegistryTest {

    static final Caller ADMIN = new Caller("u1", "admin", "t1", Set.of(Role.TENANT_ADMIN));

    static AppUser guardian(String id, String username) {
        return new AppUser(id, "t1", username, "hash", Set.of(Role.GUARDIAN), username);
    }

    ChildRegistry registry(Map<String, AppUser> accounts) {
        ChildRegistry registry = new ChildRegistry();
        registry.children = (ChildRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ChildRepository.class},
                (p, m, args) -> switch (m.getName()) {
                    case "summary" ->
                        "c1".equals(args[1])
                                ? Optional.of(new ChildSummary("c1", "Otter", "h1", "Class", 2015, null))
                                : Optional.empty();
                    case "guardiansOf" -> List.copyOf(accounts.keySet());
                    default -> throw new AssertionError(m.getName());
                });
        registry.users = (UserRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {UserRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("findInCurrentTenant")) {
                        return Optional.ofNullable(accounts.get((String) args[0]));
                    }
                    throw new AssertionError(m.getName());
                });
        registry.policy = new AccessPolicy();
        registry.callers = new CallerContext();
        return registry;
    }

    @Test
    void theGuardiansComeByUserNameWithDisabledAccountsMarked() throws Exception {
        AppUser zoe = guardian("g1", "zoe.parent");
        AppUser adam = guardian("g2", "Adam.parent");
        AppUser mia = guardian("g3", "mia.parent");
        mia.disable(Instant.parse("2026-01-01T00:00:00Z"));
        ChildRegistry registry = registry(Map.of("g1", zoe, "g2", adam, "g3", mia));

        List<ChildRegistry.Guardian> guardians = registry.callers.callAs(ADMIN, () -> registry.guardiansOf("c1"));

        assertThat(guardians)
                .containsExactly(
                        new ChildRegistry.Guardian("g2", "Adam.parent", false),
                        new ChildRegistry.Guardian("g3", "mia.parent", true),
                        new ChildRegistry.Guardian("g1", "zoe.parent", false));
    }

    @Test
    void aChildOutsideTheCallersScopeHasNoGuardiansToRead() {
        ChildRegistry registry = registry(Map.of("g1", guardian("g1", "zoe.parent")));
        assertThatThrownBy(() -> registry.callers.callAs(ADMIN, () -> registry.guardiansOf("c9")))
                .isInstanceOf(NotFoundException.class);
    }

    /** A registry whose child c1 has the guardian g1 linked; unlinks are recorded in {@code unlinked}. */
    ChildRegistry linkedOnce(List<String> unlinked) {
        ChildRegistry registry = new ChildRegistry();
        registry.children = (ChildRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ChildRepository.class},
                (p, m, args) -> switch (m.getName()) {
                    case "summary" ->
                        "c1".equals(args[1])
                                ? Optional.of(new ChildSummary("c1", "Otter", "h1", "Class", 2015, null))
                                : Optional.empty();
                    case "unlink" -> {
                        boolean there = "c1".equals(args[0]) && "g1".equals(args[1]) && unlinked.isEmpty();
                        if (there) {
                            unlinked.add(args[0] + "/" + args[1]);
                        }
                        yield there;
                    }
                    default -> throw new AssertionError(m.getName());
                });
        registry.policy = new AccessPolicy();
        registry.callers = new CallerContext();
        return registry;
    }

    @Test
    void aLinkedGuardianIsUnlinkedOnceAndThenIsNotFound() throws Exception {
        List<String> unlinked = new ArrayList<>();
        ChildRegistry registry = linkedOnce(unlinked);

        registry.callers.callAs(ADMIN, () -> {
            registry.unlinkGuardian("c1", "g1");
            return null;
        });

        assertThat(unlinked).containsExactly("c1/g1");
        assertThatThrownBy(() -> registry.callers.callAs(ADMIN, () -> {
                    registry.unlinkGuardian("c1", "g1");
                    return null;
                }))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Guardian link not found");
    }

    @Test
    void aGuardianOfAChildOutsideTheCallersScopeIsNotUnlinked() {
        List<String> unlinked = new ArrayList<>();
        ChildRegistry registry = linkedOnce(unlinked);
        assertThatThrownBy(() -> registry.callers.callAs(ADMIN, () -> {
                    registry.unlinkGuardian("c9", "g1");
                    return null;
                }))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Child not found");
        assertThat(unlinked).isEmpty();
    }
}
