package org.zenmoon.interfaces.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The access token of a WebSocket handshake: the subprotocol after {@code bearer}, as browsers send it. */
class SubprotocolTokenTest {

    @Test
    void theTokenIsTheSubprotocolAfterBearer() {
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of("bearer, eyJ.abc.def")))
                .contains("eyJ.abc.def");
    }

    @Test
    void theSubprotocolsMayComeInSeveralHeaders() {
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of("bearer", " eyJ.abc.def ")))
                .contains("eyJ.abc.def");
    }

    @Test
    void withoutBearerOrWithoutATokenAfterItThereIsNoToken() {
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of())).isEmpty();
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of("eyJ.abc.def")))
                .isEmpty();
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of("bearer"))).isEmpty();
        assertThat(ZenMoonAuthentication.subprotocolToken(List.of("eyJ.abc.def, bearer")))
                .isEmpty();
    }
}
