package org.zenmoon.analysis.forecast;

import java.time.ZoneId;
import java.util.List;

/** ZenMoon's two forecasts from a child's minute epochs: hourly stress and nightly sleep duration. */
public final class WellbeingForecasts {

    /** A forecast (or an explicit "too little history") together with the series it was made from. */
    public record Result(RegularSeries series, ForecastOutcome outcome) {}

    private WellbeingForecasts() {}

    /** The next {@code hours} hourly stress means (daily and weekly rhythms). */
    public static Result stress(List<Epoch> minuteEpochs, int hours) {
        RegularSeries s = EpochAggregation.hourly(minuteEpochs);
        return new Result(s, ForecastEngine.forecast(s.values(), ForecastSpec.hourly(hours)));
    }

    /** The next {@code nights} nightly sleep durations in hours (weekly rhythm). */
    public static Result sleep(List<Epoch> minuteEpochs, ZoneId zone, int nights) {
        RegularSeries s = EpochAggregation.nightlySleep(minuteEpochs, zone, 8 * 60);
        return new Result(s, ForecastEngine.forecast(s.values(), ForecastSpec.automatic(nights, 7, 0)));
    }
}
