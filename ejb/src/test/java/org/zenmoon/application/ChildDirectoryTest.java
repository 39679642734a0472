package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.user.Role;

/** One cohort's children: only those of that cohort, of the ones the caller sees. */
class ChildDirectoryTest {

    static final Caller ADMIN = new Caller("u1", "admin", "t1", Set.of(Role.TENANT_ADMIN));

    @Test
    void aCohortsChildrenAreThoseOfThatCohortOnly() throws Exception {
        ChildDirectory directory = new ChildDirectory();
        directory.children = (ChildRepository) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ChildRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("summaries")) {
                        return List.of(
                                new ChildSummary("c1", "Otter", "h1", "Class 1A", 2015, null),
                                new ChildSummary("c2", "Badger", "h2", "Class 1B", 2016, null),
                                new ChildSummary("c3", "Wren", "h1", "Class 1A", 2014, null));
                    }
                    throw new AssertionError(m.getName());
                });
        directory.policy = new AccessPolicy();
        directory.callers = new CallerContext();

        assertThat(directory.callers.callAs(ADMIN, () -> directory.inCohort("h1")))
                .extracting(ChildSummary::childId)
                .containsExactly("c1", "c3");
        assertThat(directory.callers.callAs(ADMIN, () -> directory.inCohort("h9")))
                .isEmpty();
    }
}
