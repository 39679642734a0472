package org.zenmoon.interfaces.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A client's request id is kept when it is safe to store and echo; anything else is replaced. */
class RequestIdFilterTest {

    @Test
    void aWellFormedIdIsKept() {
        assertThat(RequestIdFilter.accepted("ab12-CD.34_ef:5")).isEqualTo("ab12-CD.34_ef:5");
        assertThat(RequestIdFilter.accepted("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @Test
    void aMissingOverlongOrStrangeIdIsReplacedByANewOne() {
        for (String offered : new String[] {null, "", "x".repeat(65), "a b", "a\nb", "<script>", "id\u0000"}) {
            String id = RequestIdFilter.accepted(offered);
            assertThat(id).as("for %s", offered).isNotEqualTo(offered).matches("[0-9a-f-]{36}");
        }
        assertThat(RequestIdFilter.accepted(null)).isNotEqualTo(RequestIdFilter.accepted(null));
    }
}
