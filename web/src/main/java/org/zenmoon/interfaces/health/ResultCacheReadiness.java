package org.zenmoon.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.zenmoon.application.ResultCache;

/**
 * The result cache: always up, since without JCache every read goes to the database and still answers. Says whether
 * forecasts and cohort summaries are cached ({@code provider}: the JCache provider, or {@code off} and why) and this
 * server's counts since it started: answers served from the cache ({@code hits}), read from the database
 * ({@code misses}), and invalidations.
 */
@Readiness
@ApplicationScoped
public class ResultCacheReadiness implements HealthCheck {

    @Inject
    ResultCache cache;

    @Override
    public HealthCheckResponse call() {
        ResultCache.State s = cache.state();
        return HealthCheckResponse.named("resultCache")
                .withData("enabled", s.enabled())
                .withData("provider", s.provider())
                .withData("ttlSeconds", s.ttlSeconds())
                .withData("hits", s.hits())
                .withData("misses", s.misses())
                .withData("invalidations", s.invalidations())
                .up()
                .build();
    }
}
