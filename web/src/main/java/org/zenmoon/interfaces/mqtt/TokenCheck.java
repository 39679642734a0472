package org.zenmoon.interfaces.mqtt;

import java.util.Optional;
import org.zenmoon.application.security.Caller;

/**
 * Which device a token belongs to: the bridge's one question about devices, behind an interface so that the
 * handler's tests can answer it without a database.
 */
@FunctionalInterface
interface TokenCheck {

    /** The device's caller when {@code token} is a live device token; empty otherwise. */
    Optional<Caller> authenticate(String token) throws Exception;
}
