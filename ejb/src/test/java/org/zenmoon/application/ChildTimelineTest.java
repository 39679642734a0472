package org.zenmoon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Position;

/** The read-back cursors: what a page hands out comes back as the same position, and nothing else is taken. */
class ChildTimelineTest {

    static final Instant T = Instant.parse("2026-03-02T08:15:00Z");

    @Test
    void aCursorNamesTheLastRowOfItsList() {
        String epochs = ChildTimeline.cursor("epochs", T, null);
        assertThat(epochs).matches("[A-Za-z0-9_-]+");
        assertThat(ChildTimeline.position("epochs", epochs, false)).isEqualTo(new Position(T, null));
        String events = ChildTimeline.cursor("events", T, "cohort:4f0c-1");
        assertThat(ChildTimeline.position("events", events, true)).isEqualTo(new Position(T, "cohort:4f0c-1"));
        assertThat(ChildTimeline.position("events", null, true)).isNull();
    }

    @Test
    void aCursorOfAnotherListOrNoCursorAtAllIsRefusedNamingTheParameter() {
        String epochs = ChildTimeline.cursor("epochs", T, null);
        String episodes = ChildTimeline.cursor("sleep-episodes", T, "e-1");
        for (String[] bad : new String[][] {
            {"sleep-episodes", epochs},
            {"epochs", episodes},
            {"epochs", "garbage"},
            {"epochs", "!!!"},
            {"events", b64("events|yesterday|x")},
            {"events", b64("events|" + T + "|it's")},
            {"events", b64("events|" + T)},
            // Forged times no page gives: past java.sql.Timestamp, past PostgreSQL, before 1970.
            {"epochs", b64("epochs|+999999999-12-31T23:59:59Z")},
            {"epochs", b64("epochs|+300000-01-01T00:00:00Z")},
            {"events", b64("events|1969-12-31T23:59:59Z|x")},
        }) {
            boolean withId = !bad[0].equals("epochs");
            assertThatThrownBy(() -> ChildTimeline.position(bad[0], bad[1], withId))
                    .as(bad[0] + " " + bad[1])
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
