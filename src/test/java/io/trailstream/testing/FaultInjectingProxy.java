package io.trailstream.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real server (the {@link S3Emulator}) that answers the next
 * requests with S3 error responses before it lets requests through: how a test sees throttling, 5xx
 * and access denied from the real client code without a fake client. It can also cut a response body
 * off mid-way (a connection lost during a download), slow every request down, and tell a test when
 * the n-th request arrives (to fail something at a chosen point of a run).
 */
public final class FaultInjectingProxy implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "upgrade",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "proxy-connection");

    /** An error response S3 could send, or a response cut off mid-body. */
    public static final class Fault {
        final int status;
        final String code;
        /** For a cut: the share of the body sent before the connection is dropped. */
        final double bodyShare;

        private Fault(int status, String code) {
            this(status, code, -1);
        }

        private Fault(int status, String code, double bodyShare) {
            this.status = status;
            this.code = code;
            this.bodyShare = bodyShare;
        }

        /** The request is forwarded, but only {@code share} of the body is sent before the connection closes. */
        public static Fault cutBody(double share) {
            return new Fault(0, null, share);
        }

        boolean isCut() {
            return bodyShare >= 0;
        }

        public static Fault slowDown() {
            return new Fault(503, "SlowDown");
        }

        public static Fault internalError() {
            return new Fault(500, "InternalError");
        }

        public static Fault accessDenied() {
            return new Fault(403, "AccessDenied");
        }
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, Fault> faultsByPath = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-injecting-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile long delayMillis;
    private volatile Fault always;
    private volatile IntConsumer onRequest = n -> {};

    public FaultInjectingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers); // requests in parallel, as S3 serves them
        server.start();
    }

    /** Every request waits this long before it is answered: a slow store, so that a run takes a while. */
    public FaultInjectingProxy delay(Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** Called with the 1-based number of each request as it arrives, before it is answered. */
    public FaultInjectingProxy onRequest(IntConsumer listener) {
        this.onRequest = listener;
        return this;
    }

    /** {@code http://127.0.0.1:port} of the proxy. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The first request for {@code path} (e.g. {@code /bucket/key}, decoded) gets {@code fault}, before any other. */
    public FaultInjectingProxy failFirstRequestTo(String path, Fault fault) {
        faultsByPath.put(path, fault);
        return this;
    }

    /** The next requests get these faults, one each, in order; later ones are forwarded. */
    public FaultInjectingProxy failNext(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /**
     * Every request gets {@code fault} until this is called again with null: access that is refused for a while
     * (a bucket policy changed, a role's trust removed), then given back.
     */
    public FaultInjectingProxy failEveryRequest(Fault fault) {
        this.always = fault;
        return this;
    }

    /** Requests received (faulted or forwarded). */
    public int requests() {
        return requests.get();
    }

    /** Requests answered with a fault. */
    public int injected() {
        return injected.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        onRequest.accept(requests.incrementAndGet());
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            Fault fault = always;
            if (fault == null)
                fault = faultsByPath.remove(exchange.getRequestURI().getPath());
            if (fault == null) fault = faults.poll();
            if (fault != null && fault.isCut()) {
                injected.incrementAndGet();
                forward(exchange, body, fault.bodyShare);
                return;
            }
            if (fault != null) {
                injected.incrementAndGet();
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fault.code
                                + "</Code><Message>injected by test</Message><RequestId>TEST</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(
                        fault.status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : xml.length);
                if (!"HEAD".equals(exchange.getRequestMethod()))
                    exchange.getResponseBody().write(xml);
                return;
            }
            forward(exchange, body, 1.0);
        }
    }

    private void forward(HttpExchange exchange, byte[] body, double bodyShare) throws IOException {
        URI uri = URI.create(target
                + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            if (NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) continue;
            for (String value : header.getValue()) request.header(header.getKey(), value);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        java.util.OptionalLong length = response.headers().firstValueAsLong("content-length");
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || length.isPresent() && length.getAsLong() == 0;
        // HttpServer: -1 means no body, 0 means chunked.
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length.orElse(0));
        if (bodyShare >= 1.0 || noBody || length.isEmpty()) {
            try (InputStream in = response.body();
                    OutputStream out = exchange.getResponseBody()) {
                if (!noBody) in.transferTo(out);
            }
            return;
        }
        // A cut: part of the announced body, then the connection goes. Closing a fixed-length body short
        // leaves the socket open (the client would wait); a handler that throws makes HttpServer close it.
        byte[] all;
        try (InputStream in = response.body()) {
            all = in.readAllBytes();
        }
        OutputStream out = exchange.getResponseBody();
        out.write(all, 0, (int) (all.length * bodyShare));
        out.flush();
        throw new IOException("response body cut off by the test after " + (int) (all.length * bodyShare) + " bytes");
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
