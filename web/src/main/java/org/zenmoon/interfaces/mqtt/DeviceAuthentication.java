package org.zenmoon.interfaces.mqtt;

import java.util.Optional;
import org.zenmoon.application.security.Caller;

/** Which device a token belongs to: the bridge's one question about devices, so its answer can be swapped. */
@FunctionalInterface
interface DeviceAuthentication {

    /** The device's caller when {@code token} is a live device token; empty otherwise. */
    Optional<Caller> authenticate(String token) throws Exception;
}
