package org.zenmoon.analysis.forecast;

import java.time.ZoneId;
import java.util.List;
import org.zenmoon.analysis.epoch.WearableEpoch;

/** ZenMoon's two forecasts from a child's minute epochs: hourly stress and nightly sleep duration. */
public final class WellbeingForecasts {

    /** A forecast (or an explicit "too little history") together with the series it was made from. */
    public record Result(RegularSeries series, ForecastOutcome outcome) {}

    private WellbeingForecasts() {}

    /** The next {@code hours} hourly stress means (daily and weekly rhythms), from the epochs' stress scores. */
    public static Result stress(List<WearableEpoch> minuteEpochs, int hours) {
        RegularSeries s = WearableSeries.hourlyStress(minuteEpochs);
        return new Result(s, ForecastEngine.forecast(s.values(), ForecastSpec.hourly(hours)));
    }

    /** The next {@code nights} nightly sleep durations in hours (weekly rhythm), from the epochs' sleep states. */
    public static Result sleep(List<WearableEpoch> minuteEpochs, ZoneId zone, int nights) {
        RegularSeries s = WearableSeries.nightlySleep(minuteEpochs, zone, 8 * 60);
        return new Result(s, ForecastEngine.forecast(s.values(), ForecastSpec.automatic(nights, 7, 0)));
    }
}
