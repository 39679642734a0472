package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;
import java.io.File;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.domain.model.user.Role;

/**
 * In Payara Micro against PostgreSQL (the fixture of ArquillianDatabase): a guardian's consent, granted and
 * withdrawn through the service, is what the one consent check and the chronotype job see, at once.
 */
@ExtendWith(ArquillianExtension.class)
class ConsentsIT {

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "consents.war")
                .addPackages(
                        true,
                        "org.zenmoon.domain",
                        "org.zenmoon.application",
                        "org.zenmoon.infrastructure",
                        "org.zenmoon.analysis")
                .addAsResource("META-INF/persistence.xml")
                .addAsResource("META-INF/orm.xml")
                .addAsResource("org/zenmoon/domain/model/user/common-passwords.txt")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(org.zenmoon.TestArchives.runtimeLibraries())
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String TENANT = "tenant-a";
    static final Caller GUARDIAN = new Caller("u-guard-a", "guard.a", TENANT, Set.of(Role.GUARDIAN));
    static final Caller COUNSELLOR = new Caller("u-couns-a", "couns.a", TENANT, Set.of(Role.COUNSELLOR));
    static final Caller ADMIN = new Caller("u-admin-a", "admin.a", TENANT, Set.of(Role.TENANT_ADMIN));

    @Inject
    CallerContext callers;

    @Inject
    Consents consents;

    @Inject
    ConsentProbe probe;

    @Inject
    JobRuns jobRuns;

    private <T> T as(Caller caller, Callable<T> work) throws Exception {
        return callers.callAs(caller, work);
    }

    private Map<String, Consents.ScopeState> state(Caller caller, String childId) throws Exception {
        return as(caller, () -> consents.current(childId)).stream()
                .collect(Collectors.toMap(Consents.ScopeState::scope, Function.identity()));
    }

    @Test
    void withoutCollectionConsentNothingIsStoredAndWithdrawalStopsItAtOnce() throws Exception {
        // child-a2 is the guardian's; the fixture has no consent for it.
        assertThat(state(GUARDIAN, "child-a2").get("collection").active()).isFalse();
        assertThatThrownBy(() -> as(ADMIN, () -> {
                    probe.beforeStoring("child-a2");
                    return null;
                }))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("The child has no active collection consent.");

        as(GUARDIAN, () -> {
            consents.grant("child-a2", "collection", "2026-01", "app");
            return null;
        });
        as(ADMIN, () -> {
            probe.beforeStoring("child-a2");
            return null;
        });
        Consents.ScopeState granted = state(COUNSELLOR, "child-a2").get("collection");
        assertThat(granted.active()).isTrue();
        assertThat(granted.grantedBy()).isEqualTo("u-guard-a");
        assertThat(granted.grantedByUsername()).isEqualTo("guard.a");

        as(GUARDIAN, () -> {
            consents.withdraw("child-a2", "collection");
            return null;
        });
        assertThatThrownBy(() -> as(ADMIN, () -> {
                    probe.beforeStoring("child-a2");
                    return null;
                }))
                .isInstanceOf(ForbiddenException.class);
        Consents.ScopeState withdrawn = state(GUARDIAN, "child-a2").get("collection");
        assertThat(withdrawn.active()).isFalse();
        assertThat(Duration.between(withdrawn.withdrawnAt(), withdrawn.erasureDueAt()))
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void theChronotypeJobIncludesOnlyChildrenWithAnalysisConsent() throws Exception {
        assertThat(as(ADMIN, jobRuns::eligibleChildren)).doesNotContain("child-a2", "child-a3");
        as(GUARDIAN, () -> {
            consents.grant("child-a2", "analysis", "2026-01", "paper");
            return null;
        });
        assertThat(as(ADMIN, jobRuns::eligibleChildren)).contains("child-a2").doesNotContain("child-a3");
        as(GUARDIAN, () -> {
            consents.withdraw("child-a2", "analysis");
            return null;
        });
        assertThat(as(ADMIN, jobRuns::eligibleChildren)).doesNotContain("child-a2");
    }

    @Test
    void onlyTheChildsGuardianGivesConsent() throws Exception {
        assertThatThrownBy(() -> as(GUARDIAN, () -> {
                    consents.grant("child-a3", "collection", "2026-01", "app");
                    return null;
                }))
                .as("a child the guardian is not linked to")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as(COUNSELLOR, () -> {
                    consents.grant("child-a2", "collection", "2026-01", "app");
                    return null;
                }))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> as(GUARDIAN, () -> {
                    consents.grant("child-a2", "everything", "2026-01", "app");
                    return null;
                }))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> as(GUARDIAN, () -> {
                    consents.withdraw("child-a2", "model_training");
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
    }
}
