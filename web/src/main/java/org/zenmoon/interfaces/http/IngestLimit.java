package org.zenmoon.interfaces.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.interfaces.rest.Problems;

/**
 * Backpressure for uploads: at most {@code zenmoon.ingest.max-in-flight} uploads are worked on at once. One more
 * gets 503 with {@code Retry-After} at once, before its body is read, so that a burst of phones coming back online
 * waits on the phones (which keep their batches until acknowledged, docs/INGEST.md) and not in the server's memory
 * or its database pool. Nothing is dropped: a refused batch was never acknowledged.
 */
/* Declared in web.xml for /api/v1/ingest/*. */
public class IngestLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "zenmoon.ingest.max-in-flight", defaultValue = "8")
    int maxInFlight;

    @Inject
    @ConfigProperty(name = "zenmoon.ingest.retry-after-seconds", defaultValue = "2")
    int retryAfterSeconds;

    private transient Semaphore permits;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        permits = new Semaphore(Math.max(1, maxInFlight));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!permits.tryAcquire()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
            response.setCharacterEncoding("UTF-8");
            response.setContentType(Problems.MEDIA_TYPE);
            response.getWriter()
                    .write(Problems.json(
                            503,
                            "Service Unavailable",
                            "The server is busy with other uploads; send this batch again after "
                                    + Math.max(1, retryAfterSeconds) + " s. Nothing of it was stored."));
            response.flushBuffer();
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
