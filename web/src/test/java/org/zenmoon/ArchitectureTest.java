package org.zenmoon;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.zenmoon.application.ResultCache;
import org.zenmoon.application.RuleBreakers;
import org.zenmoon.application.audit.AuditInterceptor;
import org.zenmoon.application.audit.AuditTrail;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Accounts;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.LoginThrottle;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantInterceptor;
import org.zenmoon.domain.model.audit.AuditEvent;
import org.zenmoon.domain.model.audit.AuditRepository;
import org.zenmoon.domain.model.tenant.Tenant;
import org.zenmoon.domain.model.tenant.TenantBinding;
import org.zenmoon.domain.model.tenant.TenantOwned;
import org.zenmoon.domain.model.user.AppUser;
import org.zenmoon.domain.model.user.PasswordHash;
import org.zenmoon.domain.model.user.Role;
import org.zenmoon.infrastructure.persistence.SchemaVersion;
import org.zenmoon.infrastructure.persistence.ZenMoonDatabase;
import org.zenmoon.infrastructure.time.SystemClock;

/**
 * The house rules of docs/ARCHITECTURE.md, checked on the classes of every server module (web, batch, ejb and
 * analysis are all on this module's class path): the one-way flow of the layers, and one place for each
 * cross-cutting rule. A later endpoint, job or listener that repeats a rule by hand fails here. Each rule is also
 * shown to fail on a class that breaks it ({@link RuleBreakers}), so that none of them passes by being empty.
 */
class ArchitectureTest {

    static final ArchRule LAYERS = layeredArchitecture()
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
            .whereLayer("Infrastructure")
            .mayNotBeAccessedByAnyLayer()
            // The one edge outside the picture: readiness reads the applied schema version.
            .ignoreDependency(
                    resideInAPackage("org.zenmoon.interfaces.health.."),
                    belongToAnyOf(ZenMoonDatabase.class, SchemaVersion.class));

    static final ArchRule ONLY_THE_TENANT_INTERCEPTOR_SETS_THE_TENANT = noClasses()
            .that(are(not(assignableTo(TenantInterceptor.class))))
            .should()
            .callMethodWhere(JavaCall.Predicates.target(owner(assignableTo(TenantBinding.class))))
            .because("the tenant enters persistence in one place (TenantInterceptor), for the whole transaction");

    static final ArchRule ONLY_THE_BINDING_PUTS_THE_TENANT_INTO_PERSISTENCE = noClasses()
            .that()
            .doNotHaveSimpleName("TenantScopedQueries")
            .should()
            .callMethod(EntityManager.class, "setProperty", String.class, Object.class)
            .orShould()
            .callMethod(EntityManager.class, "unwrap", Class.class)
            .orShould()
            .callMethodWhere(JavaCall.Predicates.target(name("createEntityManager")))
            .because("the persistence context and the database session get their tenant together, in "
                    + "TenantScopedQueries.bind (the TenantBinding behind TenantInterceptor)");

    static final ArchRule ONLY_ENTRY_POINTS_BIND_THE_CALLER = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "org.zenmoon.interfaces.security..",
                    "org.zenmoon.interfaces.mqtt..",
                    "org.zenmoon.interfaces.websocket..",
                    "org.zenmoon.batch.jobs..")
            .and(not(assignableTo(CallerContext.class)))
            // The job starter: a platform admin's request acts in each tenant in turn, as the same admin
            // (Caller.inTenant), and a run's execution is started in the name of the admin who owns the run.
            .and(not(belongToAnyOf(org.zenmoon.application.AnalysisJobs.class)))
            .should()
            .callMethodWhere(JavaCall.Predicates.target(name("callAs"))
                    .and(JavaCall.Predicates.target(owner(assignableTo(CallerContext.class)))))
            .because("the caller is bound once per request, job partition or message, by its entry point");

    static final ArchRule ONLY_THE_INTERCEPTOR_AUDITS = noClasses()
            .that(not(assignableTo(AuditInterceptor.class)).and(not(assignableTo(AuditTrail.class))))
            .should()
            .dependOnClassesThat()
            .areAssignableTo(AuditTrail.class)
            .because("services declare @Audited; the interceptor is the one caller of the trail");

    static final ArchRule NO_AUDIT_ROWS_BY_HAND = noClasses()
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
                    String.class,
                    String.class,
                    String.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(AuditRepository.class)
            .because("services declare @Audited; they never write audit rows by hand");

    static final ArchRule ONLY_THE_ACCESS_POLICY_LOOKS_AT_ROLES = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(AccessPolicy.class.getName())
            .and()
            .resideOutsideOfPackage("org.zenmoon.domain.model.user..")
            .should()
            .accessFieldWhere(JavaFieldAccess.Predicates.target(owner(assignableTo(Role.class))))
            .orShould()
            .callMethod(Role.class, "valueOf", String.class)
            .orShould()
            .callMethod(SecurityContext.class, "isCallerInRole", String.class)
            .orShould()
            .callMethod(HttpServletRequest.class, "isUserInRole", String.class)
            .orShould()
            .callMethod(jakarta.ws.rs.core.SecurityContext.class, "isUserInRole", String.class)
            .orShould()
            .callMethod(EJBContext.class, "isCallerInRole", String.class)
            .orShould()
            .beAnnotatedWith(RolesAllowed.class)
            .orShould()
            .beAnnotatedWith(PermitAll.class)
            .orShould()
            .beAnnotatedWith(DenyAll.class)
            .because("who may do what lives in AccessPolicy, with the role names defined once in Role");

    static final ArchRule NO_METHOD_CHECKS_ROLES_BY_ANNOTATION = noMethods()
            .should()
            .beAnnotatedWith(RolesAllowed.class)
            .orShould()
            .beAnnotatedWith(PermitAll.class)
            .orShould()
            .beAnnotatedWith(DenyAll.class)
            .because("a method says what it needs with @Requires(Permission), which AccessPolicy grants");

    static final ArchRule EVERY_LOG_IN_GOES_THROUGH_ACCOUNTS = noClasses()
            .that(not(assignableTo(Accounts.class)).and(not(assignableTo(LoginThrottle.class))))
            .should()
            .dependOnClassesThat()
            .areAssignableTo(LoginThrottle.class)
            .orShould()
            .callMethod(PasswordHash.class, "verify", char[].class, String.class)
            .orShould()
            .implement(IdentityStore.class)
            .because("the API token and the portal form both log in through Accounts, which throttles");

    static final ArchRule QUERIES_LIVE_IN_REPOSITORIES = noClasses()
            .that()
            .resideOutsideOfPackage("org.zenmoon.infrastructure.persistence..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(EntityManager.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(DataSource.class)
            .orShould()
            .dependOnClassesThat()
            .areAssignableTo(Connection.class)
            .because("queries live in the repositories of infrastructure.persistence");

    static final ArchRule NATIVE_SQL_NAMES_THE_BOUND_TENANT = noClasses()
            .that()
            .doNotHaveSimpleName("TenantScopedQueries")
            .should()
            .callMethod(EntityManager.class, "createNativeQuery", String.class)
            .because("native SQL is not filtered by tenant: TenantScopedQueries binds the tenant as ?1");

    static final ArchRule TENANT_DATA_IS_TENANT_OWNED = classes()
            .that()
            .areAnnotatedWith(Entity.class)
            .and(not(belongToAnyOf(AppUser.class, Tenant.class)))
            .should()
            .beAssignableTo(TenantOwned.class)
            .because("the tenant wall is declared once, on TenantOwned");

    static final ArchRule SERVICES_SAY_WHAT_THEY_REQUIRE = methods()
            .that()
            .arePublic()
            .and()
            .areDeclaredInClassesThat(resideInAPackage("org.zenmoon.application..")
                    .and(annotatedWith(Stateless.class).or(annotatedWith(ApplicationScoped.class)))
                    .and(not(belongToAnyOf(
                            Accounts.class,
                            AuditTrail.class,
                            AccessPolicy.class,
                            CallerContext.class,
                            LoginThrottle.class,
                            // Its one public method reports its state for readiness; the answers it keeps are
                            // package-private, reached only through the checked and audited services.
                            ResultCache.class))))
            .should(requireAPermission())
            .because("every service call is authorised by the access policy (@Requires on the method or class)");

    static final ArchRule TIME_IS_INJECTED = noClasses()
            .that(are(not(assignableTo(SystemClock.class))))
            .should()
            .callMethod(Clock.class, "systemUTC")
            .orShould()
            .callMethod(Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(Clock.class, "system", ZoneId.class)
            .orShould()
            .callMethod(Instant.class, "now")
            .orShould()
            .callMethod(LocalDate.class, "now")
            .orShould()
            .callMethod(LocalTime.class, "now")
            .orShould()
            .callMethod(LocalDateTime.class, "now")
            .orShould()
            .callMethod(OffsetDateTime.class, "now")
            .orShould()
            .callMethod(ZonedDateTime.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callConstructor(Date.class)
            .orShould()
            .callMethod(Calendar.class, "getInstance")
            .because("everything that reads \"now\" takes a Clock, so tests can set the time");

    static final Map<String, ArchRule> RULES = Map.ofEntries(
            Map.entry("layers", LAYERS),
            Map.entry("tenant", ONLY_THE_TENANT_INTERCEPTOR_SETS_THE_TENANT),
            Map.entry("tenant in persistence", ONLY_THE_BINDING_PUTS_THE_TENANT_INTO_PERSISTENCE),
            Map.entry("caller", ONLY_ENTRY_POINTS_BIND_THE_CALLER),
            Map.entry("audit trail", ONLY_THE_INTERCEPTOR_AUDITS),
            Map.entry("audit rows", NO_AUDIT_ROWS_BY_HAND),
            Map.entry("roles", ONLY_THE_ACCESS_POLICY_LOOKS_AT_ROLES),
            Map.entry("role annotations", NO_METHOD_CHECKS_ROLES_BY_ANNOTATION),
            Map.entry("log-in", EVERY_LOG_IN_GOES_THROUGH_ACCOUNTS),
            Map.entry("queries", QUERIES_LIVE_IN_REPOSITORIES),
            Map.entry("native SQL", NATIVE_SQL_NAMES_THE_BOUND_TENANT),
            Map.entry("tenant owned", TENANT_DATA_IS_TENANT_OWNED),
            Map.entry("permissions", SERVICES_SAY_WHAT_THEY_REQUIRE),
            Map.entry("time", TIME_IS_INJECTED));

    static JavaClasses server;

    @BeforeAll
    static void importClasses() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.zenmoon");
    }

    static Stream<Arguments> rules() {
        return RULES.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theServerKeepsTheRule(String rule) {
        RULES.get(rule).check(server);
    }

    /** The class in {@link RuleBreakers} that breaks each rule. */
    static Stream<Arguments> breakers() {
        return Stream.of(
                Arguments.of("layers", RuleBreakers.ReachesIntoInfrastructure.class),
                Arguments.of("tenant", RuleBreakers.BindsATenant.class),
                Arguments.of("tenant in persistence", RuleBreakers.SetsTheTenant.class),
                Arguments.of("caller", RuleBreakers.BindsACaller.class),
                Arguments.of("audit trail", RuleBreakers.CallsTheAuditTrail.class),
                Arguments.of("audit rows", RuleBreakers.WritesAnAuditRow.class),
                Arguments.of("roles", RuleBreakers.ChecksARole.class),
                Arguments.of("role annotations", RuleBreakers.AnnotatesARole.class),
                Arguments.of("log-in", RuleBreakers.ChecksAPassword.class),
                Arguments.of("queries", RuleBreakers.QueriesItself.class),
                Arguments.of("native SQL", RuleBreakers.QueriesItself.class),
                Arguments.of("tenant owned", RuleBreakers.UnwalledEntity.class),
                Arguments.of("permissions", RuleBreakers.UnguardedService.class),
                Arguments.of("time", RuleBreakers.ReadsTheSystemClock.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakers")
    void eachRuleCatchesAClassThatBreaksIt(String rule, Class<?> breaker) {
        JavaClasses broken = new ClassFileImporter().importClasses(breaker);
        assertThatThrownBy(() -> RULES.get(rule).check(broken))
                .as("rule '%s' on %s", rule, breaker.getSimpleName())
                .isInstanceOf(AssertionError.class);
    }

    /** A public service method with {@code @Requires} on itself or on its class. */
    static ArchCondition<JavaMethod> requireAPermission() {
        return new ArchCondition<>("carry @Requires on the method or its class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean guarded = method.isAnnotatedWith(Requires.class)
                        || method.getOwner().isAnnotatedWith(Requires.class)
                        || method.getModifiers().contains(JavaModifier.SYNTHETIC);
                events.add(new SimpleConditionEvent(
                        method, guarded, method.getFullName() + (guarded ? " is" : " is not") + " guarded"));
            }
        };
    }
}
