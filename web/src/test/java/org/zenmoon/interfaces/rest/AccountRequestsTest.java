package org.zenmoon.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The accounts API's request classes refuse what API.md does not allow, naming the field. */
class AccountRequestsTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static List<String> invalidFields(Object request) {
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(request);
        return violations.stream()
                .map(v -> v.getPropertyPath().toString())
                .sorted()
                .toList();
    }

    static ChildResource.NewChild child(String pseudonym, Integer birthYear, String cohortId) {
        ChildResource.NewChild c = new ChildResource.NewChild();
        c.setPseudonym(pseudonym);
        c.setBirthYear(birthYear);
        c.setCohortId(cohortId);
        return c;
    }

    static Activity activity(String type, String start, String end) {
        Activity a = new Activity();
        a.setType(type);
        a.setStart(start);
        a.setEnd(end);
        return a;
    }

    @Test
    void aChildNeedsAPseudonymWithoutControlCharactersAndASaneBirthYear() {
        assertThat(invalidFields(child("Otter-12", 2015, "c-1"))).isEmpty();
        // Markup is kept as text (the portal escapes it); a NUL or a line break is refused.
        assertThat(invalidFields(child("<script>alert(1)</script>", 2015, "c-1")))
                .isEmpty();
        assertThat(invalidFields(child("Ot\u0000ter", 2015, "c-1"))).containsExactly("pseudonym");
        assertThat(invalidFields(child("Otter\n12", 2015, "c-1"))).containsExactly("pseudonym");
        assertThat(invalidFields(child("x".repeat(101), 2015, "c-1"))).containsExactly("pseudonym");
        assertThat(invalidFields(child("Otter-12", 1890, "c-1"))).containsExactly("birthYear");
        assertThat(invalidFields(child(" ", null, "x".repeat(37))))
                .containsExactly("birthYear", "cohortId", "pseudonym");
    }

    @Test
    void activitiesTakeISOTimestampsWithAnOffsetAndATypeLikeTheDemos() {
        assertThat(invalidFields(activity("mindfulness", "2026-03-02T16:00:00Z", "2026-03-02T16:15:00+00:00")))
                .isEmpty();
        assertThat(invalidFields(activity("Mindfulness session", "2026-03-02T16:00:00Z", "2026-03-02T16:15:00Z")))
                .containsExactly("type");
        assertThat(invalidFields(activity("math_test", "2026-03-02 16:00", "2026-13-02T16:15:00Z")))
                .containsExactly("end", "start");
        assertThat(invalidFields(activity("math_test", "2026-03-02T16:00:00", null)))
                .as("a local time without an offset is ambiguous")
                .containsExactly("end", "start");
        assertThat(activity("x", "2026-03-02T17:00:00+01:00", "2026-03-02T16:00:00Z")
                        .startInstant())
                .isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
    }

    @Test
    void aNewUserNeedsASaneUserNameAndAtLeastOneRole() {
        UserResource.NewUser u = new UserResource.NewUser();
        u.setUsername("new.counsellor");
        u.setPassword("a long and unusual phrase");
        u.setRoles(List.of("COUNSELLOR"));
        assertThat(invalidFields(u)).isEmpty();
        u.setUsername("ab");
        assertThat(invalidFields(u)).containsExactly("username");
        u.setUsername("new counsellor");
        assertThat(invalidFields(u)).containsExactly("username");
        u.setUsername("x\u0000y.z");
        u.setRoles(List.of());
        assertThat(invalidFields(u)).containsExactly("roles", "username");
    }

    @Test
    void aConsentNamesAKnownScopeAndANoticeVersion() {
        ChildResource.NewConsent c = new ChildResource.NewConsent();
        c.setScope("collection");
        c.setNoticeVersion("2026-01");
        assertThat(invalidFields(c)).isEmpty();
        c.setMethod("paper");
        assertThat(invalidFields(c)).isEmpty();
        c.setScope("everything");
        c.setNoticeVersion("");
        c.setMethod("by phone\u0000");
        assertThat(invalidFields(c)).containsExactly("method", "noticeVersion", "scope");
    }

    @Test
    void aTenantNeedsAKindARegimeAndARetentionPeriod() {
        TenantResource.NewTenant t = new TenantResource.NewTenant();
        t.setName("Hillside School");
        t.setKind("SCHOOL");
        t.setLegalRegime("FERPA");
        t.setRetentionDays(365);
        t.setAdminUsername("hillside.admin");
        t.setAdminPassword("a long and unusual phrase");
        assertThat(invalidFields(t)).isEmpty();
        t.setKind("school");
        t.setRetentionDays(0);
        t.setLegalRegime("FERPA\u0007");
        assertThat(invalidFields(t)).containsExactly("kind", "legalRegime", "retentionDays");
    }

    static SettingsResource.Change settings(Integer retentionDays, String timeZone) {
        SettingsResource.Change c = new SettingsResource.Change();
        c.setRetentionDays(retentionDays);
        c.setTimeZone(timeZone);
        return c;
    }

    @Test
    void aSettingsChangeTakesARetentionPeriodInRangeAndARegionTimeZone() {
        assertThat(invalidFields(settings(365, "Europe/Berlin"))).isEmpty();
        assertThat(invalidFields(settings(1, "America/New_York"))).isEmpty();
        assertThat(invalidFields(settings(36500, "UTC"))).isEmpty();
        assertThat(invalidFields(settings(null, "Asia/Tokyo")))
                .as("the zone alone")
                .isEmpty();
        assertThat(invalidFields(settings(30, null))).as("the retention alone").isEmpty();
        assertThat(invalidFields(settings(0, "Europe/Berlin"))).containsExactly("retentionDays");
        assertThat(invalidFields(settings(36501, "UTC"))).containsExactly("retentionDays");
        assertThat(invalidFields(settings(365, "+01:00"))).as("an offset").containsExactly("timeZone");
        assertThat(invalidFields(settings(365, "Berlin"))).containsExactly("timeZone");
        assertThat(invalidFields(settings(-5, "Europe/Berlin\u0000"))).containsExactly("retentionDays", "timeZone");
        assertThat(VALIDATOR.validate(settings(0, "x")).stream()
                        .filter(v -> v.getPropertyPath().toString().equals("retentionDays"))
                        .map(ConstraintViolation::getMessage))
                .as("the same words as a new tenant's")
                .containsExactly("must be 1 to 36500 days");
    }
}
