package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.zenmoon.domain.model.recommendation.ModelEvent;
import org.zenmoon.domain.model.recommendation.ModelRepository;
import org.zenmoon.domain.model.recommendation.ModelStatus;
import org.zenmoon.domain.model.recommendation.ModelVersion;

@ApplicationScoped
public class JpaModelRepository implements ModelRepository {

    private static final String SELECT_VERSION = "SELECT id, name, version, status, feature_version,"
            + " catalogue_version, CAST(parameters AS text), CAST(metrics AS text), trained_on, created_at, status_at"
            + " FROM model_version WHERE tenant_id = ?1 ";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<ModelVersion> withStatus(String name, ModelStatus status) {
        return versions(nativeQuery(em, SELECT_VERSION + "AND name = ?2 AND status = ?3")
                        .setParameter(2, name)
                        .setParameter(3, status.label())
                        .getResultList())
                .stream()
                .findFirst();
    }

    @Override
    public Optional<ModelVersion> find(String id) {
        return versions(nativeQuery(em, SELECT_VERSION + "AND id = ?2")
                        .setParameter(2, id)
                        .getResultList())
                .stream()
                .findFirst();
    }

    @Override
    public void lockLive(String name) {
        nativeQuery(
                        em,
                        "SELECT id FROM model_version WHERE tenant_id = ?1 AND name = ?2 AND status IN ('active',"
                                + " 'candidate') ORDER BY id FOR UPDATE")
                .setParameter(2, name)
                .getResultList();
    }

    @Override
    public byte[] onnx(String id) {
        return (byte[]) nativeQuery(em, "SELECT onnx FROM model_version WHERE tenant_id = ?1 AND id = ?2")
                .setParameter(2, id)
                .getSingleResult();
    }

    @Override
    public int nextVersion(String name) {
        return ((Number) nativeQuery(
                                em,
                                "SELECT COALESCE(max(version), 0) + 1 FROM model_version WHERE tenant_id = ?1"
                                        + " AND name = ?2")
                        .setParameter(2, name)
                        .getSingleResult())
                .intValue();
    }

    @Override
    public boolean insert(ModelVersion v, byte[] onnx) {
        return nativeQuery(
                                em,
                                "INSERT INTO model_version (tenant_id, id, name, version, status, onnx, metrics,"
                                        + " created_at, feature_version, catalogue_version, parameters, trained_on,"
                                        + " status_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), ?8, ?9,"
                                        + " ?10, CAST(?11 AS jsonb), ?12, ?13) ON CONFLICT DO NOTHING")
                        .setParameter(2, v.id())
                        .setParameter(3, v.name())
                        .setParameter(4, v.version())
                        .setParameter(5, v.status().label())
                        .setParameter(6, onnx)
                        .setParameter(7, v.metricsJson())
                        .setParameter(8, Timestamp.from(v.createdAt()))
                        .setParameter(9, v.featureVersion())
                        .setParameter(10, v.catalogueVersion())
                        .setParameter(11, v.parametersJson())
                        .setParameter(12, v.trainedOn())
                        .setParameter(13, Timestamp.from(v.statusAt()))
                        .executeUpdate()
                == 1;
    }

    @Override
    public boolean changeStatus(String id, ModelStatus from, ModelStatus to, Instant at) {
        return nativeQuery(
                                em,
                                "UPDATE model_version SET status = ?2, status_at = ?3 WHERE tenant_id = ?1 AND id = ?4"
                                        + " AND status = ?5")
                        .setParameter(2, to.label())
                        .setParameter(3, Timestamp.from(at))
                        .setParameter(4, id)
                        .setParameter(5, from.label())
                        .executeUpdate()
                == 1;
    }

    @Override
    public List<ModelVersion> versions(String name) {
        return versions(nativeQuery(em, SELECT_VERSION + "AND name = ?2 ORDER BY version DESC")
                .setParameter(2, name)
                .getResultList());
    }

    @Override
    public void event(String kind, String modelVersion, String detailJson, Instant at) {
        nativeQuery(
                        em,
                        "INSERT INTO model_event (tenant_id, at, kind, model_version, detail) VALUES (?1, ?2, ?3, ?4,"
                                + " CAST(?5 AS jsonb))")
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, kind)
                .setParameter(4, modelVersion)
                .setParameter(5, detailJson)
                .executeUpdate();
    }

    @Override
    public List<ModelEvent> events(int limit) {
        return nativeQuery(
                        em,
                        "SELECT at, kind, model_version, CAST(detail AS text) FROM model_event WHERE tenant_id = ?1"
                                + " ORDER BY at DESC, id DESC LIMIT ?2")
                .setParameter(2, limit)
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new ModelEvent(instant(r[0]), (String) r[1], (String) r[2], (String) r[3]);
                })
                .toList();
    }

    private static List<ModelVersion> versions(List<?> rows) {
        return rows.stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new ModelVersion(
                            (String) r[0],
                            (String) r[1],
                            ((Number) r[2]).intValue(),
                            ModelStatus.ofLabel((String) r[3]),
                            ((Number) r[4]).intValue(),
                            (String) r[5],
                            (String) r[6],
                            (String) r[7],
                            ((Number) r[8]).intValue(),
                            instant(r[9]),
                            instant(r[10]));
                })
                .toList();
    }
}
