package org.zenmoon.infrastructure.persistence;

import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.instant;
import static org.zenmoon.infrastructure.persistence.TenantScopedQueries.nativeQuery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zenmoon.domain.model.recommendation.LoggedFeedback;
import org.zenmoon.domain.model.recommendation.NewRecommendation;
import org.zenmoon.domain.model.recommendation.RecommendationRepository;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

@ApplicationScoped
public class JpaRecommendationRepository implements RecommendationRepository {

    private static final String SELECT_STORED = "SELECT r.id, r.child_id, r.intervention, r.text, r.scheduled_for,"
            + " CAST(r.why AS text), r.model_version, r.arm, r.created_at, f.was_helpful, f.comment, f.\"timestamp\""
            + " FROM recommendation r LEFT JOIN recommendation_feedback f ON f.tenant_id = r.tenant_id"
            + " AND f.recommendation_id = r.id WHERE r.tenant_id = ?1 ";

    @PersistenceContext(unitName = "zenmoon")
    EntityManager em;

    @Override
    public Optional<StoredRecommendation> openSince(String childId, Instant since) {
        return stored(nativeQuery(
                                em,
                                SELECT_STORED
                                        + "AND r.child_id = ?2 AND r.created_at >= ?3 AND f.recommendation_id IS NULL"
                                        + " ORDER BY r.created_at DESC LIMIT 1")
                        .setParameter(2, childId)
                        .setParameter(3, Timestamp.from(since))
                        .getResultList())
                .stream()
                .findFirst();
    }

    @Override
    public void insert(NewRecommendation r) {
        nativeQuery(
                        em,
                        "INSERT INTO recommendation (tenant_id, id, child_id, intervention, text, scheduled_for,"
                                + " model_version, arm, created_at, context, candidates, propensity, why) VALUES (?1,"
                                + " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CAST(?10 AS jsonb), CAST(?11 AS jsonb), ?12,"
                                + " CAST(?13 AS jsonb))")
                .setParameter(2, r.id())
                .setParameter(3, r.childId())
                .setParameter(4, r.intervention())
                .setParameter(5, r.text())
                .setParameter(6, Timestamp.from(r.scheduledFor()))
                .setParameter(7, r.modelVersion())
                .setParameter(8, r.arm())
                .setParameter(9, Timestamp.from(r.createdAt()))
                .setParameter(10, r.contextJson())
                .setParameter(11, jsonArray(r.candidates()))
                .setParameter(12, r.propensity())
                .setParameter(13, jsonArray(r.why()))
                .executeUpdate();
    }

    @Override
    public Optional<StoredRecommendation> find(String recommendationId) {
        return stored(nativeQuery(em, SELECT_STORED + "AND r.id = ?2")
                        .setParameter(2, recommendationId)
                        .getResultList())
                .stream()
                .findFirst();
    }

    @Override
    public Optional<String> contextOf(String recommendationId) {
        return nativeQuery(
                        em,
                        "SELECT CAST(context AS text) FROM recommendation WHERE tenant_id = ?1 AND id = ?2"
                                + " AND context IS NOT NULL")
                .setParameter(2, recommendationId)
                .getResultList()
                .stream()
                .map(String.class::cast)
                .findFirst();
    }

    @Override
    public List<StoredRecommendation> latest(String childId, int limit) {
        return stored(nativeQuery(em, SELECT_STORED + "AND r.child_id = ?2 ORDER BY r.created_at DESC LIMIT ?3")
                .setParameter(2, childId)
                .setParameter(3, limit)
                .getResultList());
    }

    @Override
    public List<StoredRecommendation> madeBetween(String childId, Instant from, Instant to, int limit) {
        // The index recommendation_child (tenant_id, child_id, created_at) holds the range.
        return stored(nativeQuery(
                        em,
                        SELECT_STORED + "AND r.child_id = ?2 AND r.created_at >= ?3 AND r.created_at < ?4"
                                + " ORDER BY r.created_at DESC LIMIT ?5")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .setParameter(5, limit)
                .getResultList());
    }

    @Override
    public boolean answer(String recommendationId, String userId, boolean helpful, String comment, Instant at) {
        // xmax is 0 on a row this statement inserted, and the updating transaction's id on one it replaced.
        Object inserted = nativeQuery(
                        em,
                        "INSERT INTO recommendation_feedback (tenant_id, recommendation_id, user_id, was_helpful,"
                                + " comment, \"timestamp\") VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (tenant_id,"
                                + " recommendation_id) DO UPDATE SET user_id = EXCLUDED.user_id, was_helpful ="
                                + " EXCLUDED.was_helpful, comment = EXCLUDED.comment, \"timestamp\" ="
                                + " EXCLUDED.\"timestamp\" RETURNING (xmax = 0)")
                .setParameter(2, recommendationId)
                .setParameter(3, userId)
                .setParameter(4, helpful)
                .setParameter(5, comment)
                .setParameter(6, Timestamp.from(at))
                .getSingleResult();
        return Boolean.TRUE.equals(inserted);
    }

    @Override
    public long answered() {
        return ((Number) nativeQuery(em, "SELECT count(*) FROM recommendation_feedback WHERE tenant_id = ?1")
                        .getSingleResult())
                .longValue();
    }

    @Override
    public Map<String, Tally> tallies(String childId) {
        Map<String, Tally> out = new HashMap<>();
        for (Object o : nativeQuery(
                        em,
                        "SELECT r.intervention, count(*), count(*) FILTER (WHERE f.was_helpful),"
                                + " count(*) FILTER (WHERE NOT f.was_helpful) FROM recommendation r LEFT JOIN"
                                + " recommendation_feedback f ON f.tenant_id = r.tenant_id AND f.recommendation_id ="
                                + " r.id WHERE r.tenant_id = ?1 AND r.child_id = ?2 GROUP BY r.intervention")
                .setParameter(2, childId)
                .getResultList()) {
            Object[] r = (Object[]) o;
            out.put(
                    (String) r[0],
                    new Tally(((Number) r[1]).intValue(), ((Number) r[2]).intValue(), ((Number) r[3]).intValue()));
        }
        return out;
    }

    @Override
    public Optional<Double> meanStress(String childId, Instant from, Instant to) {
        Object mean = nativeQuery(
                        em,
                        "SELECT avg(stress) FROM epoch WHERE tenant_id = ?1 AND child_id = ?2 AND t >= ?3 AND t < ?4")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .getSingleResult();
        return Optional.ofNullable(TenantScopedQueries.number(mean));
    }

    @Override
    public List<DailyMean> dailyStress(String childId, Instant from, Instant to, ZoneId zone) {
        return nativeQuery(
                        em,
                        "SELECT CAST(t AT TIME ZONE CAST(?5 AS text) AS date) AS d, avg(stress) FROM epoch WHERE tenant_id = ?1"
                                + " AND child_id = ?2 AND t >= ?3 AND t < ?4 AND stress IS NOT NULL GROUP BY d"
                                + " ORDER BY d")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .setParameter(5, zone.getId())
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new DailyMean(((Date) r[0]).toLocalDate(), ((Number) r[1]).doubleValue());
                })
                .toList();
    }

    @Override
    public List<Double> nightlySleepHours(String childId, Instant from, Instant to, ZoneId zone) {
        // One source per night: the device's own episodes where there are any, else the detected ones, else reported.
        return nativeQuery(
                        em,
                        "SELECT d, sum(hours) FROM (SELECT CAST(wake AT TIME ZONE CAST(?5 AS text) AS date) AS d, source,"
                                + " extract(epoch FROM wake - onset) / 3600.0 AS hours, rank() OVER (PARTITION BY"
                                + " CAST(wake AT TIME ZONE CAST(?5 AS text) AS date) ORDER BY CASE source WHEN 'device' THEN 0"
                                + " WHEN 'detected' THEN 1 ELSE 2 END) AS pick FROM sleep_episode WHERE tenant_id ="
                                + " ?1 AND child_id = ?2 AND wake >= ?3 AND wake < ?4) n WHERE pick = 1 GROUP BY d"
                                + " ORDER BY d")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .setParameter(5, zone.getId())
                .getResultList()
                .stream()
                .map(o -> ((Number) ((Object[]) o)[1]).doubleValue())
                .toList();
    }

    @Override
    public boolean examBetween(String childId, Instant from, Instant to) {
        Object any = nativeQuery(
                        em,
                        "SELECT EXISTS (SELECT 1 FROM school_event e JOIN child c ON c.tenant_id = e.tenant_id AND"
                                + " c.cohort_id = e.cohort_id WHERE e.tenant_id = ?1 AND c.id = ?2 AND e.start_t >= ?3"
                                + " AND e.start_t < ?4 AND (e.type ILIKE '%exam%' OR e.type ILIKE '%test%')) OR EXISTS"
                                + " (SELECT 1 FROM child_event WHERE tenant_id = ?1 AND child_id = ?2 AND start_t >="
                                + " ?3 AND start_t < ?4 AND (type ILIKE '%exam%' OR type ILIKE '%test%'))")
                .setParameter(2, childId)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to))
                .getSingleResult();
        return Boolean.TRUE.equals(any);
    }

    @Override
    public List<LoggedFeedback> trainingRecords() {
        return nativeQuery(
                        em,
                        "SELECT r.id, r.child_id, CAST(r.context AS text), CAST(r.candidates AS text), r.intervention,"
                                + " r.propensity, f.was_helpful, r.created_at, r.text FROM recommendation r JOIN"
                                + " recommendation_feedback f ON f.tenant_id = r.tenant_id AND f.recommendation_id ="
                                + " r.id WHERE r.tenant_id = ?1 AND r.context IS NOT NULL AND r.propensity IS NOT NULL"
                                + " AND EXISTS (SELECT 1 FROM consent k WHERE k.tenant_id = r.tenant_id AND"
                                + " k.child_id = r.child_id AND k.scope = 'model_training' AND k.withdrawn_at IS NULL)"
                                + " ORDER BY r.created_at, r.id")
                .getResultList()
                .stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new LoggedFeedback(
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            strings((String) r[3]),
                            (String) r[4],
                            ((Number) r[5]).doubleValue(),
                            (Boolean) r[6],
                            instant(r[7]),
                            (String) r[8]);
                })
                .toList();
    }

    @Override
    public ArmCount count(String modelVersion, Instant since) {
        Object[] r = (Object[]) nativeQuery(
                        em,
                        "SELECT count(*), count(f.recommendation_id), count(*) FILTER (WHERE f.was_helpful) FROM"
                                + " recommendation r LEFT JOIN recommendation_feedback f ON f.tenant_id = r.tenant_id"
                                + " AND f.recommendation_id = r.id WHERE r.tenant_id = ?1 AND r.model_version = ?2"
                                + " AND r.created_at >= ?3")
                .setParameter(2, modelVersion)
                .setParameter(3, Timestamp.from(since))
                .getSingleResult();
        return new ArmCount(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
    }

    @Override
    public List<ChildCount> countPerChild(String modelVersion, Instant since) {
        List<?> rows = nativeQuery(
                        em,
                        "SELECT count(*), count(*) FILTER (WHERE f.was_helpful) FROM recommendation r JOIN"
                                + " recommendation_feedback f ON f.tenant_id = r.tenant_id AND f.recommendation_id ="
                                + " r.id WHERE r.tenant_id = ?1 AND r.model_version = ?2 AND r.created_at >= ?3"
                                + " GROUP BY r.child_id")
                .setParameter(2, modelVersion)
                .setParameter(3, Timestamp.from(since))
                .getResultList();
        return rows.stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new ChildCount(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
                })
                .toList();
    }

    private static List<StoredRecommendation> stored(List<?> rows) {
        return rows.stream()
                .map(o -> {
                    Object[] r = (Object[]) o;
                    return new StoredRecommendation(
                            (String) r[0],
                            (String) r[1],
                            (String) r[2],
                            (String) r[3],
                            instant(r[4]),
                            strings((String) r[5]),
                            (String) r[6],
                            (String) r[7],
                            instant(r[8]),
                            (Boolean) r[9],
                            (String) r[10],
                            instant(r[11]));
                })
                .toList();
    }

    static String jsonArray(List<String> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a.build().toString();
    }

    static List<String> strings(String json) {
        if (json == null) {
            return List.of();
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }
}
