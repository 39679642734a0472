package org.zenmoon.interfaces.portal;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.zenmoon.application.ChildDirectory;
import org.zenmoon.application.ChildDisclosures;
import org.zenmoon.application.ChildResults;
import org.zenmoon.application.ChildTimeline;
import org.zenmoon.application.ChronotypeView;
import org.zenmoon.application.NotFoundException;
import org.zenmoon.application.Recommendations;
import org.zenmoon.application.TenantZone;
import org.zenmoon.application.security.AccessPolicy;
import org.zenmoon.application.security.CallerContext;
import org.zenmoon.application.security.Permission;
import org.zenmoon.domain.model.audit.Disclosure;
import org.zenmoon.domain.model.child.AnalysisInputs;
import org.zenmoon.domain.model.child.ChildSummary;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Episode;
import org.zenmoon.domain.model.child.ChildTimelineRepository.Event;
import org.zenmoon.domain.model.epoch.EpochRecord;
import org.zenmoon.domain.model.recommendation.StoredRecommendation;

/**
 * A child's page for staff who see the child: the last days as a zoomable timeline of hourly heart rate and stress
 * with its sleep, events and recommendations (and their 👍/👎) marked, EDA and activity beneath, the chronotype card
 * and the forecasts with their bands. Every read goes through the application's audited services; a child outside the
 * caller's scope is a 404.
 */
@Named
@ViewScoped
public class ChildPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Days the timeline shows. */
    static final int DAYS = 7;

    /**
     * At most this many of the recommendations made in the days shown are listed and marked, the newest (a family
     * that asks and answers all day long gets a few dozen a week).
     */
    static final int RECOMMENDATIONS = 500;

    /** Entries of the disclosure log per page. */
    static final int DISCLOSURES = ChildDisclosures.DEFAULT_LIMIT;

    /** A time to the second in the tenant's zone, which it names ({@code 2026-12-03 07:01:02 Europe/Berlin}). */
    static DateTimeFormatter second(ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV", Locale.ENGLISH)
                .withZone(zone);
    }

    /** A time to the minute in the tenant's zone, which it names ({@code Thu 3 Dec, 07:01 Europe/Berlin}). */
    static DateTimeFormatter when(ZoneId zone) {
        return DateTimeFormatter.ofPattern("EEE d MMM, HH:mm VV", Locale.ENGLISH)
                .withZone(zone);
    }

    /** The tenant's time zone: the page's days, hours and times are its local ones. */
    private ZoneId zone = TenantZone.UTC;

    @Inject
    ChildDirectory directory;

    @Inject
    ChildTimeline timeline;

    @Inject
    ChildResults results;

    @Inject
    Recommendations recommendations;

    @Inject
    ChildDisclosures disclosures;

    @Inject
    AccessPolicy policy;

    @Inject
    CallerContext callers;

    @Inject
    Clock clock;

    @Inject
    TenantZone zones;

    private String childId;
    private boolean loaded;
    private String pseudonym;
    private String cohortName;
    private int birthYear;
    private int minutes;
    private String timelineChart;
    private String physiologyChart;
    private String stressForecast;
    private String sleepForecast;
    private String stressForecastNote;
    private String sleepForecastNote;
    private Chronotype chronotype;
    private List<Line> happenings = List.of();
    private List<CausalInsights.Insight> insights = List.of();
    private String forestPlot;
    private String from;
    private String to;
    /** The page's {@code until} parameter, as typed. */
    private String until;

    private boolean latest;
    /** The {@code until} of the 7 days before those shown. */
    private String earlier;
    /** The {@code until} of the 7 days after, "" for the latest, null when the latest are shown. */
    private String later;

    private boolean disclosuresShown;
    private List<Access> accesses = List.of();
    private String accessCursor;

    /** The page's view action: reads everything once, or answers 404 for a child the caller does not see. */
    public void load() throws IOException {
        if (loaded) {
            return;
        }
        ChildSummary child;
        try {
            child = childId == null ? null : directory.find(childId);
        } catch (NotFoundException e) {
            child = null;
        }
        if (child == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.getExternalContext().responseSendError(404, "No such child");
            faces.responseComplete();
            return;
        }
        pseudonym = child.pseudonym();
        cohortName = child.cohortName();
        birthYear = child.birthYear();
        Instant now = clock.instant();
        zone = zones.forCaller();
        DateTimeFormatter when = when(zone);
        LocalDate lastDay = lastDay(until, now, zone);
        latest = lastDay == null;
        if (latest && until != null && !until.isBlank() && !isDate(until)) {
            PageAnswers.warn("That is not a date such as 2026-03-31: the last 7 days are shown.");
        }
        Instant start = latest
                ? ChildCharts.start(now, DAYS)
                : lastDay.plusDays(1 - DAYS).atStartOfDay(zone).toInstant();
        // Seven days of hours: a week across a clock change is an hour shorter or longer on the wall clock.
        Instant end = start.plus(Duration.ofDays(DAYS));
        earlier = start.atZone(zone).toLocalDate().minusDays(1).toString();
        if (latest) {
            later = null;
        } else {
            LocalDate next = lastDay.plusDays(DAYS);
            later = lastDay(next.toString(), now, zone) == null ? "" : next.toString();
        }
        int hours = DAYS * 24;
        from = when.format(start);
        to = when.format(end);

        List<EpochRecord> epochs = all(w -> timeline.epochs(childId, w), start, end);
        List<Episode> episodes = all(w -> timeline.sleepEpisodes(childId, w), start.minus(Duration.ofDays(1)), end);
        List<Event> events = all(w -> timeline.eventsDuring(childId, w), start, end);
        List<AnalysisInputs.Logged> interventions = timeline.interventions(childId, start, end);
        List<StoredRecommendation> recs = recommendations.madeBetween(childId, start, end, RECOMMENDATIONS);
        minutes = epochs.size();
        ChildCharts.Hourly hourly = ChildCharts.hourly(epochs, start, hours, zone);
        timelineChart = ChildCharts.timeline(
                hourly,
                ChildCharts.asleep(episodes, hourly, start, hours),
                events,
                interventions.stream().map(AnalysisInputs.Logged::start).toList(),
                recs,
                start,
                hours,
                zone);
        physiologyChart = ChildCharts.physiology(hourly, zone);

        JsonObject stress = results.forecast(childId, "stress", 24);
        JsonObject sleep = results.forecast(childId, "sleep", 7);
        stressForecast = ChildCharts.forecast(stress, "stress 0–1", zone);
        sleepForecast = ChildCharts.forecast(sleep, "hours asleep", zone);
        stressForecastNote = forecastNote(stress, zone);
        sleepForecastNote = forecastNote(sleep, zone);
        chronotype = Chronotype.of(results.chronotype(childId));
        happenings = happenings(events, interventions, recs, start, end, zone);
        insights = CausalInsights.of(results.causalEffects(childId));
        forestPlot = CausalInsights.forestPlot(insights);
        loadDisclosures();
        loaded = true;
    }

    /**
     * The newest page of the child's disclosure log, for a caller who may read disclosure logs; a caller who may read
     * them for other children only (a staff account that is also a guardian) sees no section.
     */
    private void loadDisclosures() {
        disclosuresShown = false;
        accesses = List.of();
        accessCursor = null;
        if (!policy.permits(callers.current(), Permission.READ_DISCLOSURES)) {
            return;
        }
        try {
            ChildDisclosures.Page page = disclosures.page(childId, null, DISCLOSURES);
            accesses = Access.of(page.items(), PortalWords.current(), policy, zone);
            accessCursor = page.nextCursor();
            disclosuresShown = true;
        } catch (NotFoundException e) {
            // Not among the children whose records the caller takes: no section.
        }
    }

    /** "Show older": the next page of the disclosure log, under the ones shown. */
    public void olderDisclosures() {
        if (!disclosuresShown || accessCursor == null) {
            return;
        }
        ChildDisclosures.Page page = disclosures.page(childId, accessCursor, DISCLOSURES);
        List<Access> more = new ArrayList<>(accesses);
        more.addAll(Access.of(page.items(), PortalWords.current(), policy, zone));
        accesses = List.copyOf(more);
        accessCursor = page.nextCursor();
    }

    /** Every page of a list in {@code [from, to)}. */
    private static <T> List<T> all(
            Function<ChildTimeline.Window, ChildTimeline.Page<T>> read, Instant from, Instant to) {
        List<T> items = new ArrayList<>();
        String cursor = null;
        do {
            ChildTimeline.Page<T> page =
                    read.apply(new ChildTimeline.Window(from, to, ChildTimeline.MAX_LIMIT, cursor));
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    /**
     * The last day the timeline shows, from the page's {@code until} parameter (a date such as 2026-03-31); null for
     * the latest 7 days: no date, not a date, or today or later.
     */
    static LocalDate lastDay(String until, Instant now, ZoneId zone) {
        if (until == null || until.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(until.strip());
            return day.isBefore(now.atZone(zone).toLocalDate()) ? day : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text.strip());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** What the forecast rests on, or why there is none, in words. */
    static String forecastNote(JsonObject f, ZoneId zone) {
        String status = f.getString("status", "ok");
        if ("not_computed".equals(status)) {
            return "Not computed yet: the forecast job has not run for this child.";
        }
        if ("insufficient_data".equals(status)) {
            return "Insufficient data: " + f.getString("reason", "too short a history") + ".";
        }
        StringBuilder s = new StringBuilder("Model ").append(f.getString("model", "?"));
        if (f.get("backtest") instanceof JsonObject b) {
            // A figure the backtest could not compute is null (ForecastRefresh), never a number.
            if (b.get("mase") instanceof JsonNumber mase) {
                s.append(String.format(Locale.ENGLISH, "; backtest MASE %.2f", mase.doubleValue()));
            }
            if (b.get("origins") instanceof JsonNumber origins) {
                s.append(" over ").append(origins.intValue()).append(" origins");
            }
        }
        if (f.containsKey("computedAt")) {
            s.append("; computed ").append(when(zone).format(Instant.parse(f.getString("computedAt"))));
        }
        return s.append('.').toString();
    }

    static List<Line> happenings(
            List<Event> events,
            List<AnalysisInputs.Logged> interventions,
            List<StoredRecommendation> recs,
            Instant from,
            Instant to,
            ZoneId zone) {
        DateTimeFormatter when = when(zone);
        List<Line> lines = new ArrayList<>();
        for (Event e : events) {
            // One begun before the days shown is still going on in them: it says until when.
            lines.add(new Line(
                    e.start(),
                    when.format(e.start()),
                    "cohort".equals(e.scope()) ? "School event" : "Child's event",
                    words(e.type()) + (e.start().isBefore(from) ? ", until " + when.format(e.end()) : ""),
                    ""));
        }
        for (AnalysisInputs.Logged i : interventions) {
            lines.add(new Line(i.start(), when.format(i.start()), "Intervention logged by staff", words(i.type()), ""));
        }
        for (StoredRecommendation r : recs) {
            if (r.createdAt().isBefore(from) || !r.createdAt().isBefore(to)) {
                continue;
            }
            String answer = r.helpful() == null
                    ? "not answered yet"
                    : (r.helpful() ? "👍 helpful" : "👎 not helpful")
                            + (r.comment() == null || r.comment().isBlank() ? "" : ": “" + r.comment() + "”");
            lines.add(new Line(r.createdAt(), when.format(r.createdAt()), "Recommendation", r.text(), answer));
        }
        lines.sort((a, b) -> b.at().compareTo(a.at()));
        return lines;
    }

    /** {@code exam_week} as "Exam week". */
    static String words(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String spaced = code.replace('_', ' ').replace('-', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** One line of what happened: when, what kind, what, and the parents' answer. */
    public record Line(Instant at, String when, String kind, String what, String answer) implements Serializable {
        public String getWhen() {
            return when;
        }

        public String getKind() {
            return kind;
        }

        public String getWhat() {
            return what;
        }

        public String getAnswer() {
            return answer;
        }
    }

    /** One entry of the disclosure log: when, who (user name and roles), what (action and outcome), which resource. */
    public record Access(String when, String who, String roles, String what, String resource) implements Serializable {

        static List<Access> of(List<Disclosure> rows, PortalWords words, AccessPolicy policy, ZoneId zone) {
            return rows.stream().map(d -> of(d, words, policy, zone)).toList();
        }

        static Access of(Disclosure d, PortalWords words, AccessPolicy policy, ZoneId zone) {
            String action = known(words, "disclosures.action." + d.action(), words(d.action()));
            String outcome = known(words, "disclosures.outcome." + d.outcome(), words(d.outcome()));
            return new Access(
                    second(zone).format(d.at()),
                    who(d, words, policy),
                    String.join(
                            ", ",
                            d.actorRoles().stream()
                                    .map(r -> words(r.toLowerCase(Locale.ROOT)))
                                    .toList()),
                    outcome.isEmpty() ? action : action + " (" + outcome + ")",
                    d.resource());
        }

        /**
         * The account's user name; a paired device, which has no account (its audit rows carry the device's id), is
         * named as one; an id no account has any more is a deleted account.
         */
        private static String who(Disclosure d, PortalWords words, AccessPolicy policy) {
            if (d.actorName() != null) {
                return d.actorName();
            }
            return policy.isDevice(d.actorRoles())
                    ? words.text("disclosures.device")
                    : words.text("disclosures.deleted");
        }

        private static String known(PortalWords words, String key, String otherwise) {
            try {
                return words.text(key);
            } catch (java.util.MissingResourceException e) {
                return otherwise;
            }
        }

        public String getWhen() {
            return when;
        }

        public String getWho() {
            return who;
        }

        public String getRoles() {
            return roles;
        }

        public String getWhat() {
            return what;
        }

        public String getResource() {
            return resource;
        }
    }

    /** The chronotype card, in words. */
    public record Chronotype(
            boolean known, String category, String msfSc, String socialJetlag, int nights, String reason)
            implements Serializable {

        static Chronotype of(ChronotypeView v) {
            boolean ok = "ok".equals(v.status());
            return new Chronotype(
                    ok,
                    ok && v.category() != null ? words(v.category()) : "",
                    v.msfSc() == null ? "" : v.msfSc(),
                    v.socialJetlagMinutes() == null
                            ? ""
                            : String.format(
                                    Locale.ENGLISH,
                                    "%d h %02d min",
                                    v.socialJetlagMinutes() / 60,
                                    Math.abs(v.socialJetlagMinutes() % 60)),
                    v.nights(),
                    v.reason() == null ? "" : v.reason());
        }

        public boolean isKnown() {
            return known;
        }

        public String getCategory() {
            return category;
        }

        public String getMsfSc() {
            return msfSc;
        }

        public String getSocialJetlag() {
            return socialJetlag;
        }

        public int getNights() {
            return nights;
        }

        public String getReason() {
            return reason;
        }
    }

    public String getChildId() {
        return childId;
    }

    public void setChildId(String childId) {
        this.childId = childId;
    }

    public String getPseudonym() {
        return pseudonym;
    }

    public String getCohortName() {
        return cohortName;
    }

    public int getBirthYear() {
        return birthYear;
    }

    public int getMinutes() {
        return minutes;
    }

    public String getTimelineChart() {
        return timelineChart;
    }

    public String getPhysiologyChart() {
        return physiologyChart;
    }

    public String getStressForecast() {
        return stressForecast;
    }

    public String getSleepForecast() {
        return sleepForecast;
    }

    public String getStressForecastNote() {
        return stressForecastNote;
    }

    public String getSleepForecastNote() {
        return sleepForecastNote;
    }

    public Chronotype getChronotype() {
        return chronotype;
    }

    public List<Line> getHappenings() {
        return happenings;
    }

    public List<CausalInsights.Insight> getInsights() {
        return insights;
    }

    public String getForestPlot() {
        return forestPlot;
    }

    public String getUntil() {
        return until;
    }

    public void setUntil(String until) {
        this.until = until;
    }

    public boolean isLatest() {
        return latest;
    }

    public String getEarlier() {
        return earlier;
    }

    public String getLater() {
        return later;
    }

    /** Yesterday's date, the latest day a past week can end on. */
    public String getYesterday() {
        return clock.instant().atZone(zone).toLocalDate().minusDays(1).toString();
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public boolean isDisclosuresShown() {
        return disclosuresShown;
    }

    public List<Access> getAccesses() {
        return accesses;
    }

    public boolean isOlderAvailable() {
        return accessCursor != null;
    }
}
