package org.zenmoon.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The erasure deletes from a table before the tables it refers to, so that no foreign key stops it. */
class JpaChildRecordRepositoryTest {

    @Test
    void aReferringTableComesBeforeTheTableItRefersTo() {
        List<String> order = JpaChildRecordRepository.referringFirst(
                List.of("alert", "alert_ack", "device", "epoch"),
                List.of(
                        new String[] {"alert_ack", "alert"},
                        new String[] {"alert", "device"},
                        new String[] {"device", "child"},
                        new String[] {"epoch", "epoch"}));
        assertThat(order).containsExactlyInAnyOrder("alert", "alert_ack", "device", "epoch");
        assertThat(order.indexOf("alert_ack")).isLessThan(order.indexOf("alert"));
        assertThat(order.indexOf("alert")).isLessThan(order.indexOf("device"));
    }

    @Test
    void aCircleOfReferencesStillYieldsEveryTable() {
        List<String> order = JpaChildRecordRepository.referringFirst(
                List.of("a", "b"), List.of(new String[] {"a", "b"}, new String[] {"b", "a"}));
        assertThat(order).containsExactlyInAnyOrder("a", "b");
    }
}
