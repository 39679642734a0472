package org.zenmoon.interfaces.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is well formed (1 to 64 letters, digits and
 * {@code . _ : -}), else a new UUID. The id goes back in the response's {@code X-Request-Id}, into every audit row
 * the request writes (the caller binding hands it on), and into the reference of a 500 problem document, so one
 * id ties a client's report to the server's records.
 */
/* Declared in web.xml, first of the filters. */
public class RequestIdFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    public static final String HEADER = "X-Request-Id";

    /** The request attribute that holds the id. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = accepted(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        chain.doFilter(request, response);
    }

    /** The client's id if it is well formed, else a new one. */
    static String accepted(String offered) {
        return offered != null && WELL_FORMED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    /** The id of {@code request}, or null outside this filter. */
    public static String of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }
}
