package org.zenmoon.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Clock;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.StoredResult;
import org.zenmoon.domain.model.child.ChildSummary;

/**
 * A visible child's analysis results as the jobs stored them (API.md's shapes), each with when it was computed and
 * from how much data. Reads never compute, except the chronotype of a child no job has analysed yet, which is
 * computed from its epochs on request (and not stored: reads do not write).
 */
@Stateless
@TenantBound
@Audited
@Requires(Permission.READ_CHILDREN)
public class ChildResults {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    ChildDirectory directory;

    @Inject
    AnalysisResultRepository results;

    @Inject
    ChronotypeComputation computation;

    @Inject
    Clock clock;

    @Inject
    ResultCache cache;

    /** What the cache keeps for a child without a stored forecast (no stored payload is empty: it is JSON). */
    private static final String NOT_COMPUTED = "";

    public ChronotypeView chronotype(String childId) {
        ChildSummary child = directory.find(childId);
        return results.latestOfChild(childId, ChronotypeRefresh.KIND)
                .map(r -> JSON.fromJson(r.payload(), ChronotypeView.class))
                .orElseGet(() -> {
                    var now = clock.instant();
                    return ChronotypeView.of(computation.analyse(childId, child.birthYear(), now), now);
                });
    }

    /**
     * The stored forecast of {@code metric} ({@code stress}: hourly, {@code sleep}: nightly), its points cut to the
     * first {@code steps}; {@code status} {@code not_computed} before the forecast job has run for the child.
     */
    public JsonObject forecast(String childId, String metric, int steps) {
        directory.find(childId);
        // Only after the access check: the cache answers for children the caller sees, and is audited as a read.
        String payload = cache.ofChild(
                childId,
                ForecastRefresh.kind(metric),
                () -> results.latestOfChild(childId, ForecastRefresh.kind(metric))
                        .map(StoredResult::payload)
                        .orElse(NOT_COMPUTED));
        if (payload.equals(NOT_COMPUTED)) {
            return Json.createObjectBuilder()
                    .add("metric", metric)
                    .add("status", "not_computed")
                    .add("reason", "the forecast job has not run for this child yet")
                    .build();
        }
        JsonObject json = Json.createReader(new StringReader(payload)).readObject();
        if (!json.containsKey("points") || json.getJsonArray("points").size() <= steps) {
            return json;
        }
        JsonObjectBuilder cut = Json.createObjectBuilder(json);
        cut.add("points", Json.createArrayBuilder(json.getJsonArray("points").subList(0, steps)));
        return cut.build();
    }

    /** The child's N-of-1 effects, one per intervention and outcome; empty before the job has run for the child. */
    public JsonArray causalEffects(String childId) {
        directory.find(childId);
        return results.latestOfChild(childId, CausalRefresh.KIND)
                .map(r -> CausalRefresh.parse(r.payload()))
                .orElse(JsonArray.EMPTY_JSON_ARRAY);
    }
}
