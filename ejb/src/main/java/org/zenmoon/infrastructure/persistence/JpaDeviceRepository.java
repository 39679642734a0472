package org.zenmoon.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.device.Device;
import org.zenmoon.domain.model.device.DeviceRepository;

@ApplicationScoped
public class JpaDeviceRepository implements DeviceRepository {

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<Device> find(String deviceId) {
        return em.createQuery("SELECT d FROM Device d WHERE d.id = :id", Device.class)
                .setParameter("id", deviceId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Device> ofChild(String childId) {
        return em.createQuery("SELECT d FROM Device d WHERE d.childId = :c ORDER BY d.createdAt, d.id", Device.class)
                .setParameter("c", childId)
                .getResultList();
    }

    @Override
    public void add(Device device) {
        em.persist(device);
        em.flush();
    }
}
