package org.zenmoon.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.zenmoon.application.Devices;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.DeviceToken;

/**
 * Checks a paired device's token for an entry point: the API's bearer tokens ({@link ZenMoonAuthentication}) and
 * the MQTT bridge's uploads ({@code interfaces.mqtt.MqttBridge}). The lookup runs as the device the token names, in
 * the tenant it names, so that the tenant wall applies to it as to everything else: a token naming another tenant or
 * device finds nothing.
 */
@ApplicationScoped
public class DeviceAuthentication {

    @Inject
    Devices devices;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    /** Whether a bearer token is meant as a device token (it may still be malformed). */
    public boolean isDeviceToken(String bearer) {
        return DeviceToken.isDeviceToken(bearer);
    }

    /** The DEVICE caller the token stands for, if the device is paired and the token its current one. */
    public Optional<Caller> caller(String token) {
        Optional<DeviceToken> parsed = DeviceToken.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return callers.callAs(
                    policy.deviceCaller(parsed.get().deviceId(), parsed.get().tenantId()),
                    () -> devices.authenticate(token));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
