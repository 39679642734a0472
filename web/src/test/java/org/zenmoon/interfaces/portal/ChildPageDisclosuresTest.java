package org.zenmoon.interfaces.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.zenmoon.application.TenantZone;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.domain.model.audit.Disclosure;

class ChildPageDisclosuresTest {

    static final PortalWords WORDS = new PortalWords(Locale.ENGLISH);

    @Test
    void anEntrySaysWhenWhoWhatAndWhichResourceInWords() {
        ChildPage.Access read = ChildPage.Access.of(
                new Disclosure(
                        7,
                        Instant.parse("2026-12-03T07:01:02.345Z"),
                        "u1",
                        "counsellor",
                        List.of("COUNSELLOR"),
                        "read",
                        "ChildDirectory.find",
                        "ok",
                        "r1"),
                WORDS,
                new AccessPolicy(),
                TenantZone.UTC);
        assertThat(read.getWhen()).isEqualTo("2026-12-03 07:01:02 UTC");
        assertThat(read.getWho()).isEqualTo("counsellor");
        assertThat(read.getRoles()).isEqualTo("Counsellor");
        assertThat(read.getWhat()).isEqualTo("Read");
        assertThat(read.getResource()).isEqualTo("ChildDirectory.find");
    }

    @Test
    void aRefusedChangeByADeletedAccountSaysSo() {
        ChildPage.Access write = ChildPage.Access.of(
                new Disclosure(
                        8,
                        Instant.parse("2026-12-03T07:01:02Z"),
                        "u2",
                        null,
                        List.of("TENANT_ADMIN", "GUARDIAN"),
                        "write",
                        "Consents.grant",
                        "forbidden",
                        null),
                WORDS,
                new AccessPolicy(),
                TenantZone.UTC);
        assertThat(write.getWho()).isEqualTo("an account deleted since");
        assertThat(write.getRoles()).isEqualTo("Tenant admin, Guardian");
        assertThat(write.getWhat()).isEqualTo("Changed (refused)");
    }

    @Test
    void anUploadByThePairedDeviceNamesTheDeviceNotADeletedAccount() {
        ChildPage.Access upload = ChildPage.Access.of(
                new Disclosure(
                        10,
                        Instant.parse("2026-12-03T07:01:02Z"),
                        "0b6f1c2e-5d1a-4c1e-9f59-3c2a7f0e8d11",
                        null,
                        List.of("DEVICE"),
                        "write",
                        "Ingestion.ingest",
                        "ok",
                        "r2"),
                WORDS,
                new AccessPolicy(),
                TenantZone.UTC);
        assertThat(upload.getWho()).isEqualTo("the child's paired device");
        assertThat(upload.getWhat()).isEqualTo("Changed");
    }

    @Test
    void anActionOrOutcomeWithoutWordsIsShownReadable() {
        ChildPage.Access other = ChildPage.Access.of(
                new Disclosure(
                        9,
                        Instant.parse("2026-12-03T07:01:02Z"),
                        "u3",
                        "x",
                        List.of(),
                        "re_score",
                        "A.b",
                        "timed_out",
                        null),
                WORDS,
                new AccessPolicy(),
                TenantZone.UTC);
        assertThat(other.getWhat()).isEqualTo("Re score (Timed out)");
    }
}
