package org.zenmoon;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.audit.AuditInterceptor;
import org.zenmoon.application.audit.AuditTrail;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.LoginThrottle;
import org.zenmoon.application.security.TenantInterceptor;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.audit.AuditRepository;
import org.zenmoon.domain.model.user.Role;
import org.zenmoon.infrastructure.time.SystemClock;

/**
 * The house rules of docs/ARCHITECTURE.md, checked on the classes of every server module (web, batch, ejb and
 * analysis are all on this module's class path): the one-way flow of the layers, and one place for each
 * cross-cutting rule. A later endpoint, job or listener that repeats a rule by hand fails here.
 */
class ArchitectureTest {

    static JavaClasses server;

    @BeforeAll
    static void importClasses() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.zenmoon");
    }

    @Test
    void layersDependOneWay() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("org.zenmoon..")
                .layer("Interfaces")
                .definedBy("org.zenmoon.interfaces..")
                .layer("Jobs")
                .definedBy("org.zenmoon.batch.jobs..")
                .layer("Application")
                .definedBy("org.zenmoon.application..")
                .layer("Domain")
                .definedBy("org.zenmoon.domain..")
                .layer("Infrastructure")
                .definedBy("org.zenmoon.infrastructure..")
                .layer("Analysis")
                .definedBy("org.zenmoon.analysis..")
                .whereLayer("Interfaces")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Jobs")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Application")
                .mayOnlyBeAccessedByLayers("Interfaces", "Jobs")
                .whereLayer("Domain")
                .mayOnlyBeAccessedByLayers("Interfaces", "Jobs", "Application", "Infrastructure")
                // Readiness checks the schema version: the only edge that reaches infrastructure directly.
                .whereLayer("Infrastructure")
                .mayOnlyBeAccessedByLayers("Interfaces")
                .ignoreDependency(
                        not(resideInAPackage("org.zenmoon.interfaces.health..")),
                        resideInAPackage("org.zenmoon.infrastructure.."))
                .check(server);
    }

    @Test
    void onlyTheTenantInterceptorSetsTheTenant() {
        noClasses()
                .that(are(not(assignableTo(TenantInterceptor.class))))
                .should()
                .callMethod(EntityManager.class, "setProperty", String.class, Object.class)
                .because("the tenant enters persistence in one place (TenantInterceptor)")
                .check(server);
    }

    @Test
    void onlyEntryPointsBindTheCaller() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.zenmoon.interfaces.security..", "org.zenmoon.batch.jobs..")
                .and(not(assignableTo(CallerContext.class)))
                .should()
                .callMethodWhere(JavaCall.Predicates.target(name("callAs"))
                        .and(JavaCall.Predicates.target(owner(assignableTo(CallerContext.class)))))
                .because("the caller is bound once per request, job partition or message, by its entry point")
                .check(server);
    }

    @Test
    void onlyTheAuditInterceptorWritesAuditEvents() {
        noClasses()
                .that(not(assignableTo(AuditInterceptor.class)).and(not(assignableTo(AuditTrail.class))))
                .should()
                .dependOnClassesThat()
                .areAssignableTo(AuditTrail.class)
                .because("services declare @Audited; the interceptor is the one caller of the trail")
                .check(server);
        noClasses()
                .that(not(assignableTo(AuditTrail.class)))
                .and()
                .resideOutsideOfPackage("org.zenmoon.infrastructure.persistence..")
                .should()
                .callConstructor(
                        AuditEvent.class,
                        Instant.class,
                        String.class,
                        String.class,
                        String.class,
                        String.class,
                        String.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(AuditRepository.class)
                .because("services declare @Audited; they never write audit rows by hand")
                .check(server);
    }

    @Test
    void onlyTheAccessPolicyLooksAtRoles() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(AccessPolicy.class.getName())
                .and()
                .resideOutsideOfPackage("org.zenmoon.domain.model.user..")
                .should()
                .accessFieldWhere(JavaFieldAccess.Predicates.target(owner(assignableTo(Role.class))))
                .orShould()
                .callMethod(SecurityContext.class, "isCallerInRole", String.class)
                .orShould()
                .callMethod(HttpServletRequest.class, "isUserInRole", String.class)
                .orShould()
                .beAnnotatedWith(RolesAllowed.class)
                .because("who may do what lives in AccessPolicy, with the role names defined once in Role")
                .check(server);
    }

    @Test
    void everyLogInGoesThroughTheOneThrottle() {
        noClasses()
                .that(not(assignableTo(Accounts.class)).and(not(assignableTo(LoginThrottle.class))))
                .should()
                .dependOnClassesThat()
                .areAssignableTo(LoginThrottle.class)
                .because("the API token and the portal form both log in through Accounts, which throttles")
                .check(server);
    }

    @Test
    void onlyRepositoriesAndTheTenantInterceptorTouchTheEntityManager() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.zenmoon.infrastructure.persistence..")
                .and(are(not(assignableTo(TenantInterceptor.class))))
                .should()
                .dependOnClassesThat()
                .areAssignableTo(EntityManager.class)
                .because("queries live in the repositories of infrastructure.persistence")
                .check(server);
    }

    @Test
    void timeIsInjected() {
        noClasses()
                .that(are(not(assignableTo(SystemClock.class))))
                .should()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("everything that reads \"now\" takes a Clock, so tests can set the time")
                .check(server);
    }
}
