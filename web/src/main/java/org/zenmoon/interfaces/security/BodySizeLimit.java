package org.zenmoon.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.zenmoon.interfaces.rest.Problems;

/**
 * Request bodies under {@code /api} are at most {@code zenmoon.http.max-body-bytes} (1 MiB by default). A body
 * that declares a larger length gets a 413 problem document before any of it is read; a body without a declared
 * length (chunked) is counted as it is read and stops with {@link TooLarge}, which the API answers with 413.
 */
/* Declared in web.xml for /api/*. */
public class BodySizeLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Reading a request body went past the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    @Inject
    @ConfigProperty(name = "zenmoon.http.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(response, maxBodyBytes);
            return;
        }
        chain.doFilter(new Limited(request, maxBodyBytes), response);
    }

    static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(413);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(Problems.MEDIA_TYPE);
        response.getWriter()
                .write(Problems.json(413, "Content Too Large", "The request body is larger than " + limit + " bytes."));
        response.flushBuffer();
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream in;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Counting(super.getInputStream(), limit);
            }
            return in;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknown) {
                // An unknown charset name is read as UTF-8; the JSON parser then says what is wrong.
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
