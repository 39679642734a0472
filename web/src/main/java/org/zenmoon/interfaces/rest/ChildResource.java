package org.zenmoon.interfaces.rest;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.zenmoon.application.Alerts;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ChildDisclosures;
import org.zenmoon.application.ChildErasure;
import org.zenmoon.application.ChildExport;
import org.zenmoon.application.ChildRegistry;
import org.zenmoon.application.ChildResults;
import org.zenmoon.application.ChildTimeline;
import org.zenmoon.application.ChronotypeView;
import org.zenmoon.application.Consents;
import org.zenmoon.application.Devices;
import org.zenmoon.application.InvalidInputException;
import org.zenmoon.application.Recommendations;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.ChildTimelineRepository;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

/**
 * Children as their tenant's staff, or their guardians, see them (the access policy decides which); the tenant
 * admin registers them and links their guardians, guardians give and withdraw consent, staff log interventions.
 * A child outside the caller's scope answers 404; an account without the permission a call needs gets 403.
 */
@Path("/children")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ChildResource {

    public static class NewChild {
        @NotBlank(message = "must be 1 to 100 characters")
        @Size(max = 100, message = "must be 1 to 100 characters")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String pseudonym;

        @NotNull(message = "must be a year from 1990")
        @Min(value = 1990, message = "must be a year from 1990")
        @Max(value = 2100, message = "must not lie in the future")
        private Integer birthYear;

        @NotBlank(message = "must be a cohort of this tenant")
        @Size(max = 36, message = "must be a cohort of this tenant")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String cohortId;

        public String getPseudonym() {
            return pseudonym;
        }

        public void setPseudonym(String pseudonym) {
            this.pseudonym = pseudonym;
        }

        public Integer getBirthYear() {
            return birthYear;
        }

        public void setBirthYear(Integer birthYear) {
            this.birthYear = birthYear;
        }

        public String getCohortId() {
            return cohortId;
        }

        public void setCohortId(String cohortId) {
            this.cohortId = cohortId;
        }
    }

    public static class GuardianLink {
        @NotBlank(message = "must be the user name of a guardian account of this tenant")
        @Size(max = 100, message = "must be the user name of a guardian account of this tenant")
        @Pattern(regexp = Requests.NO_CONTROL_CHARACTERS, message = Requests.NO_CONTROL_CHARACTERS_MESSAGE)
        private String username;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }
    }

    public static class NewConsent {
        static final String SCOPES = "collection|analysis|model_training|clinic_sharing";

        @NotNull(message = "must be one of collection, analysis, model_training, clinic_sharing")
        @Pattern(regexp = SCOPES, message = "must be one of collection, analysis, model_training, clinic_sharing")
        private String scope;

        @NotNull(message = "must be given: the version of the privacy notice the guardian read")
        @Pattern(
                regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}",
                message = "must be 1 to 32 letters, digits or . _ -, starting with a letter or digit")
        private String noticeVersion;

        @Pattern(
                regexp = "[a-z][a-z_]{0,31}",
                message = "must be 1 to 32 lower-case letters or underscores, e.g. app or paper")
        private String method;

        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        public String getNoticeVersion() {
            return noticeVersion;
        }

        public void setNoticeVersion(String noticeVersion) {
            this.noticeVersion = noticeVersion;
        }

        public String getMethod() {
            return method;
        }

        public void setMethod(String method) {
            this.method = method;
        }
    }

    public record Created(String childId) {}

    public record InterventionLogged(String interventionId) {}

    /** How a consent was given when the request does not say: in the app. */
    static final String DEFAULT_CONSENT_METHOD = "app";

    @Inject
    ChildDirectory directory;

    @Inject
    Recommendations recommendations;

    @Inject
    ChildResults results;

    @Inject
    ChildDisclosures disclosures;

    @Inject
    ChildExport exports;

    @Inject
    ChildErasure erasure;

    @Inject
    ChildRegistry registry;

    @Inject
    Consents consents;

    @Inject
    ChildTimeline timeline;

    @Inject
    Devices devices;

    @Inject
    Alerts alerts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a child in a cohort",
            description = "TENANT_ADMIN. 201 with the childId; 409 when the pseudonym is taken in the tenant.")
    public Response create(
            @Valid @NotNull(message = "a JSON object with pseudonym, birthYear and cohortId is required") NewChild c) {
        String id = registry.create(c.getPseudonym(), c.getBirthYear(), c.getCohortId());
        return Response.status(Response.Status.CREATED).entity(new Created(id)).build();
    }

    @POST
    @Path("/{childId}/guardians")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Link a guardian account to the child",
            description = "TENANT_ADMIN. The account must be an active GUARDIAN account of the tenant; 409 when "
                    + "linked already.")
    public Response linkGuardian(
            @PathParam("childId") String childId,
            @Valid @NotNull(message = "a JSON object with the username is required") GuardianLink link) {
        registry.linkGuardian(childId, link.getUsername());
        return Response.status(Response.Status.CREATED).build();
    }

    @DELETE
    @Path("/{childId}/guardians/{userId}")
    @Operation(
            summary = "Unlink a guardian account from the child",
            description = "TENANT_ADMIN. 204; from the next request on the guardian no longer sees the child (404 "
                    + "for it). 404 for a child outside the caller's scope or an account that is not linked to it.")
    public Response unlinkGuardian(@PathParam("childId") String childId, @PathParam("userId") String userId) {
        registry.unlinkGuardian(childId, userId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{childId}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Grant consent for one scope",
            description = "GUARDIAN of the child. Replaces an active consent of the same scope (a newer notice) "
                    + "and cancels an erasure that a withdrawal scheduled.")
    public Response grantConsent(
            @PathParam("childId") String childId,
            @Valid @NotNull(message = "a JSON object with scope and noticeVersion is required") NewConsent c) {
        consents.grant(
                childId,
                c.getScope(),
                c.getNoticeVersion(),
                c.getMethod() == null ? DEFAULT_CONSENT_METHOD : c.getMethod());
        return Response.status(Response.Status.CREATED).build();
    }

    @DELETE
    @Path("/{childId}/consents/{scope}")
    @Operation(
            summary = "Withdraw consent for one scope",
            description = "GUARDIAN of the child. 204; use stops at once and the data the scope covered is erased "
                    + "after the grace period (zenmoon.consent.erasure-grace-days).")
    public Response withdrawConsent(@PathParam("childId") String childId, @PathParam("scope") String scope) {
        consents.withdraw(childId, scope);
        return Response.noContent().build();
    }

    @GET
    @Path("/{childId}/consents")
    @Operation(
            summary = "The child's consents, scope by scope",
            description = "The guardian and the staff who see the child: per scope whether it is active, the notice "
                    + "version, who granted it, how and when, and when a withdrawal's erasure is due.")
    public List<Consents.ScopeState> consents(@PathParam("childId") String childId) {
        return consents.current(childId);
    }

    @POST
    @Path("/{childId}/interventions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log an intervention for the child",
            description = "Staff who see the child. end must not be before start.")
    public Response logIntervention(
            @PathParam("childId") String childId,
            @Valid @NotNull(message = "a JSON object with type, start and end is required") Activity a) {
        String id = registry.logIntervention(childId, a.getType(), a.startInstant(), a.endInstant());
        return Response.status(Response.Status.CREATED)
                .entity(new InterventionLogged(id))
                .build();
    }

    @GET
    @Operation(
            summary = "Children visible to the caller",
            description = "Tenant admins: the tenant's children. Counsellors and clinicians: the children of their "
                    + "cohorts. Guardians: linked children.")
    public List<ChildSummary> list() {
        return directory.visibleChildren();
    }

    @GET
    @Path("/{childId}/chronotype")
    @Operation(
            summary = "The child's chronotype from its recent sleep",
            description = "MSFsc (mid-sleep on free days, corrected for sleep debt) over the last 60 days of epochs, "
                    + "as the chronotype job stored it (computedAt); status insufficient_data, with the reason, "
                    + "below 14 nights or 4 free nights. Before the job has run for the child, computed on request.")
    public ChronotypeView chronotype(@PathParam("childId") String childId) {
        return results.chronotype(childId);
    }

    @GET
    @Path("/{childId}/forecast")
    @Operation(
            summary = "The child's forecast of stress or sleep",
            description = "As the forecast job stored it: metric stress (hourly, hours 1..24, default 24) or sleep "
                    + "(nightly: hours/24 nights, rounded up, default 7), points with 80% and 95% intervals, the "
                    + "model and its backtest (mase, smape); status insufficient_data with what is missing, or "
                    + "not_computed before the job has run.")
    public jakarta.json.JsonObject forecast(
            @PathParam("childId") String childId,
            @QueryParam("metric")
                    @DefaultValue("stress")
                    @Pattern(regexp = "stress|sleep", message = "must be stress or sleep")
                    String metric,
            @QueryParam("hours") @Pattern(regexp = "[0-9]{1,3}", message = "must be a number from 1 to 168")
                    String hours) {
        boolean sleep = metric.equals("sleep");
        int h = hours == null ? (sleep ? 168 : 24) : Integer.parseInt(hours);
        if (h < 1 || h > (sleep ? 168 : 24)) {
            throw new InvalidInputException(
                    "hours", sleep ? "must be a number from 1 to 168" : "must be a number from 1 to 24");
        }
        int steps = sleep ? (h + 23) / 24 : h;
        return results.forecast(childId, metric, steps);
    }

    @GET
    @Path("/{childId}/recommendations/next")
    @Operation(
            summary = "The child's next recommendation",
            description = "The open one (not answered, its time not long past), or a new one: ranked by the tenant's"
                    + " model, timed by the chronotype, with why, modelVersion and the A/B arm.")
    public StoredRecommendation nextRecommendation(@PathParam("childId") String childId) {
        return recommendations.next(childId);
    }

    @GET
    @Path("/{childId}/recommendations")
    @Operation(
            summary = "The child's past recommendations",
            description = "Newest first, each with its answer (helpful, comment, answeredAt), at most limit (1..200,"
                    + " default 20).")
    public List<StoredRecommendation> recommendations(
            @PathParam("childId") String childId,
            @QueryParam("limit")
                    @DefaultValue("20")
                    @Pattern(regexp = "[0-9]{1,3}", message = "must be a number from 1 to 200")
                    String limit) {
        int n = Integer.parseInt(limit);
        if (n < 1 || n > 200) {
            throw new InvalidInputException("limit", "must be a number from 1 to 200");
        }
        return recommendations.history(childId, n);
    }

    @GET
    @Path("/{childId}/alerts")
    @Operation(
            summary = "The child's alerts, newest first",
            description = "The guardian and the staff who see the child. from (inclusive) and to (exclusive) are "
                    + "ISO-8601 timestamps bounding when the server raised the alert (raisedAt), so ?from= the last "
                    + "time the app heard from /ws/alerts returns what it missed; limit 1 to 500 (default 100). Items: "
                    + "alertId, childId, kind (stress_sustained, device_anomaly), severity (warning, high), at (the "
                    + "start), raisedAt, detail, acknowledgedBy and acknowledgedAt (null until staff acknowledge).")
    public JsonObject alerts(@PathParam("childId") String childId, @Valid @BeanParam AlertQuery query) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        alerts.ofChild(childId, query.fromInstant(), query.toInstant(), query.limitValue())
                .forEach(a -> items.add(AlertJson.of(a)));
        return Json.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("/{childId}/causal-effects")
    @Operation(
            summary = "What the child's logged interventions did",
            description = "Per intervention and outcome (evening_stress, sleep): the N-of-1 effect with its 95% "
                    + "interval, n days, the refutation checks and the verdict (helps, harms, no_evidence, "
                    + "insufficient_data), as the causal-effects job stored them; empty before it has run.")
    public jakarta.json.JsonArray causalEffects(@PathParam("childId") String childId) {
        return results.causalEffects(childId);
    }

    @GET
    @Path("/{childId}")
    @Operation(
            summary = "One child",
            description = "404 when the child is in another tenant or not linked to the guardian.")
    public ChildSummary get(@PathParam("childId") String childId) {
        return directory.find(childId);
    }

    @GET
    @Path("/{childId}/disclosures")
    @Operation(
            summary = "The child's disclosure log (FERPA 34 CFR 99.32)",
            description = "Who (account, user name, roles) read or changed what of the child's data, when, with what "
                    + "outcome and in which request; newest first, `limit` (1 to 500, default 50) per page, the next "
                    + "page with `cursor` = the previous `nextCursor`. Tenant admins, and guardians for linked "
                    + "children; 404 for any other child, 403 for roles that read no disclosure log.")
    public JsonObject disclosures(
            @PathParam("childId") String childId,
            @QueryParam("cursor") @Pattern(regexp = "[0-9]{1,18}", message = "must be a nextCursor of this log")
                    String cursor,
            @QueryParam("limit") @Pattern(regexp = "[0-9]{1,6}", message = "must be a number from 1 to 500")
                    String limit) {
        ChildDisclosures.Page page = disclosures.page(childId, cursor, limit == null ? null : Integer.valueOf(limit));
        JsonArrayBuilder items = Json.createArrayBuilder();
        page.items().forEach(d -> items.add(ChildExport.disclosureJson(d)));
        return Json.createObjectBuilder()
                .add("items", items)
                .add("nextCursor", page.nextCursor() == null ? JsonValue.NULL : Json.createValue(page.nextCursor()))
                .build();
    }

    @GET
    @Path("/{childId}/export")
    @Operation(
            summary = "Everything stored about the child (GDPR Art. 20), as one JSON document",
            description = "The child, its guardians' user names, consents, devices (never their token hashes), sleep "
                    + "episodes, interventions, analysis results, recommendations and feedback, its cohort's school "
                    + "events, its disclosure log, and last its epochs. Guardians of the child and tenant admins.")
    public Response export(@PathParam("childId") String childId) {
        JsonObject document = exports.document(childId);
        StreamingOutput body = out -> ChildExportStream.writeJson(out, document, exports, childId);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"child-export.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/{childId}/export/epochs.csv")
    @Produces("text/csv")
    @Operation(
            summary = "The child's epochs as CSV (GDPR Art. 20)",
            description = "One line per stored minute: t,hr,rmssd,eda,activity,stress,sleep,quality,deviceId; empty "
                    + "where a measure is missing. Guardians of the child and tenant admins.")
    public Response epochsCsv(@PathParam("childId") String childId) {
        exports.epochs(childId);
        StreamingOutput body = out -> ChildExportStream.writeCsv(out, exports, childId);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"epochs.csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @DELETE
    @Path("/{childId}")
    @Operation(
            summary = "Erase the child (GDPR Art. 17)",
            description = "Deletes the child and its rows in every table in one transaction and answers 202 with the "
                    + "rows deleted per table; the audit log keeps the erasure (ids only). Tenant admins.")
    public Response erase(@PathParam("childId") String childId) {
        Map<String, Integer> deleted = erasure.erase(childId);
        return Response.accepted(new Erased(childId, "erased", deleted)).build();
    }

    public record Erased(String childId, String status, Map<String, Integer> rowsDeleted) {}

    @GET
    @Path("/{childId}/devices")
    @Operation(
            summary = "The child's paired devices",
            description = "The guardian and the staff who see the child: deviceId, label, createdAt and revokedAt "
                    + "(null while paired), unpaired devices included; never a token or its hash.")
    public List<Devices.DeviceView> devices(@PathParam("childId") String childId) {
        return devices.devicesOf(childId);
    }

    @GET
    @Path("/{childId}/epochs")
    @Operation(
            summary = "The child's epochs, in time order, a page at a time",
            description = "The guardian and the staff who see the child. from (inclusive) and to (exclusive) are "
                    + "ISO-8601 timestamps; limit 1 to 10080 (default 1440); the next page with cursor = the "
                    + "previous nextCursor, null on the last page. 400 names a malformed parameter.")
    public JsonObject epochs(@PathParam("childId") String childId, @Valid @BeanParam TimeWindow window) {
        return pageJson(timeline.epochs(childId, window.window()), ChildResource::epochJson);
    }

    @GET
    @Path("/{childId}/sleep-episodes")
    @Operation(
            summary = "The child's sleep episodes, by onset, a page at a time",
            description = "As /epochs, with from and to bounding the onset: items of onset, wake and source.")
    public JsonObject sleepEpisodes(@PathParam("childId") String childId, @Valid @BeanParam TimeWindow window) {
        return pageJson(
                timeline.sleepEpisodes(childId, window.window()),
                e -> Json.createObjectBuilder()
                        .add("onset", e.onset().toString())
                        .add("wake", e.wake().toString())
                        .add("source", e.source())
                        .build());
    }

    @GET
    @Path("/{childId}/events")
    @Operation(
            summary = "The events of the child's days, by start, a page at a time",
            description = "As /epochs, with from and to bounding the start: its cohort's school events (scope "
                    + "cohort) and those its phone reported (scope child), each with type, start, end and source.")
    public JsonObject events(@PathParam("childId") String childId, @Valid @BeanParam TimeWindow window) {
        return pageJson(timeline.events(childId, window.window()), ChildResource::eventJson);
    }

    static JsonObject eventJson(ChildTimelineRepository.Event e) {
        return Json.createObjectBuilder()
                .add("type", e.type())
                .add("start", e.start().toString())
                .add("end", e.end().toString())
                .add("source", e.source())
                .add("scope", e.scope())
                .build();
    }

    private static <T> JsonObject pageJson(
            ChildTimeline.Page<T> page, java.util.function.Function<T, JsonObject> json) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        page.items().forEach(item -> items.add(json.apply(item)));
        return Json.createObjectBuilder()
                .add("items", items)
                .add("nextCursor", page.nextCursor() == null ? JsonValue.NULL : Json.createValue(page.nextCursor()))
                .build();
    }

    /** An epoch as ingestion takes it (API.md), plus the device that sent it. */
    static JsonObject epochJson(EpochRecord e) {
        var o = Json.createObjectBuilder().add("t", e.t().toString());
        addNumber(o, "hr", e.hr());
        addNumber(o, "rmssd", e.rmssd());
        addNumber(o, "eda", e.eda());
        addNumber(o, "activity", e.activity());
        addNumber(o, "steps", e.steps());
        addNumber(o, "stress", e.stress());
        o.add("sleep", e.sleep() == null ? JsonValue.NULL : Json.createValue(e.sleep()));
        addNumber(o, "quality", e.quality());
        addNumber(o, "scr", e.scr());
        o.add("wear", e.wear() == null ? JsonValue.NULL : (e.wear() ? JsonValue.TRUE : JsonValue.FALSE));
        addNumber(o, "anomaly", e.anomaly());
        o.add("deviceId", e.deviceId() == null ? JsonValue.NULL : Json.createValue(e.deviceId()));
        return o.build();
    }

    private static void addNumber(jakarta.json.JsonObjectBuilder o, String name, Number value) {
        if (value == null) {
            o.addNull(name);
        } else if (value instanceof Integer i) {
            o.add(name, i);
        } else {
            // A float's shortest decimal form: 92.5, not 92.5000000001.
            o.add(name, new java.math.BigDecimal(Float.toString(value.floatValue())));
        }
    }
}
