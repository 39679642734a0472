package org.zenmoon.domain.model.device;

import java.util.List;
import java.util.Optional;

/** The devices of the bound tenant. */
public interface DeviceRepository {

    Optional<Device> find(String deviceId);

    /** The child's devices, paired first first, revoked ones included. */
    List<Device> ofChild(String childId);

    void add(Device device);
}
