package org.zenmoon.application;

import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.zenmoon.analysis.forecast.ForecastOutcome;
import org.zenmoon.analysis.forecast.WellbeingForecasts;
import org.zenmoon.application.audit.Audited;
import org.zenmoon.application.security.Permission;
import org.zenmoon.application.security.Requires;
import org.zenmoon.application.security.TenantBound;
import org.zenmoon.domain.model.analysis.AnalysisResultRepository.ResultKey;

/**
 * The {@code forecast} job's analysis: from a child's last 60 days of epochs, hourly stress for the next 24 hours
 * and nightly sleep for the next 7 nights (docs/analyses/forecast.md), each with 80% and 95% intervals and the
 * rolling-origin backtest of the model chosen, stored in the shape of API.md's {@code /forecast}. Too short a
 * history is stored as {@code insufficient_data} with what was there and what is needed, never as a number.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@LocalBean
@Local(ChildAnalysis.class)
@TenantBound
@Requires(Permission.RUN_JOBS)
public class ForecastRefresh implements ChildAnalysis {

    public static final String JOB = "forecast";
    public static final int STRESS_HOURS = 24;
    public static final int SLEEP_NIGHTS = 7;

    /** The result kind of a metric's forecast. */
    public static String kind(String metric) {
        return "forecast_" + metric;
    }

    @Inject
    ChildData data;

    @Inject
    Clock clock;

    @Inject
    TenantZone zones;

    @Override
    public String jobName() {
        return JOB;
    }

    @Override
    @Audited("analysis")
    public ChildOutput analyse(String childId) {
        return analyse(childId, data.recent(childId));
    }

    /**
     * The same analysis of epochs read already (the consent checked), in the caller's transaction: {@link
     * AllAnalyses} reads them once for all four.
     */
    @Audited("analysis")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ChildOutput analyse(String childId, ChildData.Recent recent) {
        Instant now = clock.instant();
        // The nights forecast are the tenant's local nights.
        ZoneId zone = zones.current();
        String period = ChildData.period(now, zone);
        String stress = recent.isEmpty()
                ? noData("stress", now)
                : ChildData.engine(
                        "stress forecast",
                        () -> payload(
                                "stress", "hours", WellbeingForecasts.stress(recent.epochs(), STRESS_HOURS), now));
        String sleep = recent.isEmpty()
                ? noData("sleep", now)
                : ChildData.engine(
                        "sleep forecast",
                        () -> payload(
                                "sleep", "nights", WellbeingForecasts.sleep(recent.epochs(), zone, SLEEP_NIGHTS), now));
        return ChildOutput.of(
                        childId,
                        new ChildOutput.Result(ResultKey.ofChild(childId, kind("stress"), period), stress, now),
                        new ChildOutput.Result(ResultKey.ofChild(childId, kind("sleep"), period), sleep, now))
                .read(recent.readNanos());
    }

    private static String noData(String metric, Instant now) {
        return Json.createObjectBuilder()
                .add("metric", metric)
                .add("status", "insufficient_data")
                .add("reason", "no epochs")
                .add("computedAt", now.toString())
                .build()
                .toString();
    }

    /** API.md's forecast: {@code metric, model, points[t, mean, lo80, hi80, lo95, hi95], backtest{mase, smape}}. */
    static String payload(String metric, String unit, WellbeingForecasts.Result r, Instant now) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("metric", metric)
                .add("computedAt", now.toString())
                .add("basedOn", Json.createObjectBuilder().add(unit, r.series().values().length));
        if (r.outcome() instanceof ForecastOutcome.InsufficientHistory short_) {
            return json.add("status", "insufficient_data")
                    .add("reason", short_.reason())
                    .add("available", short_.available())
                    .add("required", short_.required())
                    .build()
                    .toString();
        }
        ForecastOutcome.Forecast f = (ForecastOutcome.Forecast) r.outcome();
        JsonArrayBuilder points = Json.createArrayBuilder();
        Instant t = r.series().next();
        for (int i = 0; i < f.horizon(); i++) {
            points.add(Json.createObjectBuilder()
                    .add("t", t.toString())
                    .add("mean", round(f.mean()[i]))
                    .add("lo80", round(f.lo80()[i]))
                    .add("hi80", round(f.hi80()[i]))
                    .add("lo95", round(f.lo95()[i]))
                    .add("hi95", round(f.hi95()[i])));
            t = t.plus(r.series().step());
        }
        JsonObjectBuilder backtest = Json.createObjectBuilder().add("origins", f.backtestOrigins());
        addFinite(backtest, "mase", f.backtestMase());
        addFinite(backtest, "smape", f.backtestSmape());
        return json.add("status", "ok")
                .add("model", f.model())
                .add("points", points)
                .add("backtest", backtest)
                .build()
                .toString();
    }

    /** A measure that could not be computed (no backtest origin) is left out, never written as a number. */
    private static void addFinite(JsonObjectBuilder json, String name, double value) {
        if (Double.isFinite(value)) {
            json.add(name, round(value));
        } else {
            json.addNull(name);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
