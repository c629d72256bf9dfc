package io.trailstream.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Records every request that reaches an {@link S3Emulator}, in S3Mock's own servlet chain, before the request is
 * handled: so a request is on record before its client can see the response, and a test that counts requests
 * right after making them counts them all (Tomcat's access log, used before, is written after the response).
 * Added to S3Mock's Spring context through {@code spring.main.sources}; requests are kept per local port, one
 * list per emulator.
 */
@Configuration(proxyBeanMethods = false)
public class S3RequestRecorder {
    private static final Map<Integer, List<S3Emulator.Request>> BY_PORT = new ConcurrentHashMap<>();

    /** The requests recorded so far on {@code port}, in arrival order (a copy). */
    static List<S3Emulator.Request> requests(int port) {
        List<S3Emulator.Request> log = BY_PORT.get(port);
        if (log == null) return List.of();
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** Forgets the requests of a stopped emulator. */
    static void forget(int port) {
        BY_PORT.remove(port);
    }

    @Bean
    public FilterRegistrationBean<Filter> trailstreamRequestRecorder() {
        Filter filter = (req, res, chain) -> {
            HttpServletRequest http = (HttpServletRequest) req;
            S3Emulator.Request entry = new S3Emulator.Request(
                    http.getMethod(),
                    http.getRequestURI(),
                    http.getQueryString() == null ? "" : http.getQueryString(),
                    200);
            List<S3Emulator.Request> log = BY_PORT.computeIfAbsent(http.getLocalPort(), p -> new ArrayList<>());
            synchronized (log) {
                log.add(entry);
            }
            chain.doFilter(req, new StatusRecording((HttpServletResponse) res, entry));
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Notes the status on the entry when it is set, which is before any byte of the response is sent. */
    private static final class StatusRecording extends HttpServletResponseWrapper {
        private final S3Emulator.Request entry;

        StatusRecording(HttpServletResponse response, S3Emulator.Request entry) {
            super(response);
            this.entry = entry;
        }

        @Override
        public void setStatus(int sc) {
            entry.status = sc;
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc) throws IOException {
            entry.status = sc;
            super.sendError(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            entry.status = sc;
            super.sendError(sc, msg);
        }
    }
}
