package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.DeviceToken;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.device.DeviceRepository;

/**
 * Checks a device token against the stored hash, for an entry point that has bound the caller the token claims to be
 * ({@code AccessPolicy.deviceCaller}): the look-up runs inside that tenant's wall, so a token naming another tenant
 * finds nothing. A revoked (unpaired) device's token stops working at once.
 */
@Stateless
@TenantBound
public class DeviceTokenCheck {

    @Inject
    CallerContext callers;

    @Inject
    DeviceRepository devices;

    /** The bound (claimed) caller when {@code token} is that device's live token; empty otherwise. */
    @Requires(Permission.UPLOAD_DATA)
    public Optional<Caller> authenticate(String token) {
        Caller claimed = callers.current();
        return DeviceToken.parse(token)
                .filter(t ->
                        t.tenantId().equals(claimed.tenantId()) && t.deviceId().equals(claimed.userId()))
                .flatMap(t -> devices.find(t.deviceId())
                        .filter(d -> !d.isRevoked() && t.matches(d.getTokenHash()))
                        .map(d -> claimed));
    }
}
