package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.Caller;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.DeviceToken;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.child.ChildRepository;
import org.zenmoon.domain.model.child.ConcernsAChild;
import org.zenmoon.domain.model.device.Device;
import org.zenmoon.domain.model.device.DeviceRepository;

/**
 * Pairing wearables with children, and their tokens. A guardian of the child, or staff who see it, pairs a device
 * and gets its token once ({@link DeviceToken}; the server keeps only a hash); unpairing revokes the token at once.
 * A device's token authenticates it for uploads of its own child's data, and to read or end its own pairing
 * ({@link #self}, {@link #unpairSelf}); nothing else. A child or device outside the caller's scope does not exist for
 * the caller.
 */
@Stateless
@TenantBound
public class Devices {

    /** A device just paired: its token, shown this once. */
    public record Paired(String deviceId, String childId, String deviceToken) implements ConcernsAChild {

        /** Never the token. */
        @Override
        public String toString() {
            return "Paired[deviceId=" + deviceId + ", childId=" + childId + "]";
        }
    }

    /** A paired device as its child's guardians and staff see it; never its token's hash. */
    public record DeviceView(String deviceId, String childId, String label, Instant createdAt, Instant revokedAt)
            implements ConcernsAChild {

        static DeviceView of(Device d) {
            return new DeviceView(d.getId(), d.getChildId(), d.getLabel(), d.getCreatedAt(), d.getRevokedAt());
        }
    }

    @Inject
    DeviceRepository devices;

    @Inject
    ChildRepository children;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    /** Pairs a new device with the child; the answer holds the device's token, which is never shown again. */
    @Requires(Permission.PAIR_DEVICES)
    @Audited("write")
    public Paired pair(String childId, String label) {
        Caller caller = callers.current();
        requireVisible(caller, childId);
        String deviceId = UUID.randomUUID().toString();
        DeviceToken token = DeviceToken.issue(caller.tenantId(), deviceId);
        devices.add(new Device(deviceId, childId, label, token.hash(), clock.instant()));
        return new Paired(deviceId, childId, token.value());
    }

    /**
     * Unpairs the device: its token stops working with the next request. Unpairing twice keeps the first time.
     *
     * @return the device, so that the audit row names its child
     */
    @Requires(Permission.PAIR_DEVICES)
    @Audited("write")
    public DeviceView unpair(String deviceId) {
        Caller caller = callers.current();
        Device device = devices.find(deviceId)
                .filter(d -> visible(caller, d.getChildId()))
                .orElseThrow(() -> new NotFoundException("Device"));
        device.revoke(clock.instant());
        return DeviceView.of(device);
    }

    /**
     * The device a DEVICE caller is: its id, its child and its label. A phone given only the token (the pairing link
     * the portal and the parents' app show as a QR code) learns from it which child its uploads are for, and that
     * the token works; nothing of the child's data. A revoked device does not get here (its token gets 401).
     */
    @Requires(Permission.UPLOAD_DATA)
    @Audited
    public DeviceView self() {
        return DeviceView.of(ownDevice());
    }

    /**
     * Unpairs the calling device itself: a phone paired again with a new link gives up its old token, which stops
     * working with the next request (as {@link #unpair} does for a guardian).
     *
     * @return the device, so that the audit row names its child
     */
    @Requires(Permission.UPLOAD_DATA)
    @Audited("write")
    public DeviceView unpairSelf() {
        Device device = ownDevice();
        device.revoke(clock.instant());
        return DeviceView.of(device);
    }

    private Device ownDevice() {
        return devices.find(callers.current().userId())
                .filter(d -> !d.isRevoked())
                .orElseThrow(() -> new NotFoundException("Device"));
    }

    /** The child's devices, paired first first, unpaired ones included (with the time they were unpaired). */
    @Requires(Permission.READ_CHILDREN)
    @Audited
    public List<DeviceView> devicesOf(String childId) {
        requireVisible(callers.current(), childId);
        return devices.ofChild(childId).stream().map(DeviceView::of).toList();
    }

    /**
     * The device a token stands for, if the token is its current one. The entry point calls this as the device the
     * token names, in the tenant it names (so that the tenant wall shows that tenant's devices only); a token naming
     * another tenant or device finds nothing. Not audited: it reads no child's data.
     */
    @Requires(Permission.UPLOAD_DATA)
    public Optional<Caller> authenticate(String token) {
        Caller provisional = callers.current();
        return DeviceToken.parse(token)
                .filter(t -> t.deviceId().equals(provisional.userId())
                        && t.tenantId().equals(provisional.tenantId()))
                .flatMap(t -> devices.find(t.deviceId())
                        .filter(d -> !d.isRevoked() && t.matches(d.getTokenHash()))
                        .map(d -> policy.deviceCaller(d.getId(), t.tenantId())));
    }

    private boolean visible(Caller caller, String childId) {
        return children.summary(policy.childScope(caller), childId).isPresent();
    }

    private void requireVisible(Caller caller, String childId) {
        if (!visible(caller, childId)) {
            throw new NotFoundException("Child");
        }
    }
}
