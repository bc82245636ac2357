package dev.books.adapter.http.edge;

import dev.books.adapter.http.exchange.Principals;
import dev.books.adapter.http.exchange.RequestIds;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.ProblemWriter;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler every request meets, before Javalin: assigns its request id (so every response, errors and
 * 404s included, carries X-Request-Id), writes the access log line when the exchange completes, and refuses, as a
 * problem, what no route should ever see: odd request targets (see {@link RequestTargets}), transfer codings other
 * than chunked (see {@link TransferCodings}), static files other than the ones /docs loads, and
 * X-HTTP-Method-Override, which Javalin would otherwise obey (turning a GET into a DELETE behind the back of any
 * proxy that filters methods).
 *
 * <p>It also takes the WebSocket handshake headers off every request: Books has no WebSockets, and Javalin would
 * otherwise route such a request to its WebSocket servlet, which opens a server-side session for it. With the
 * headers gone it is an ordinary request, answered as such (and no request creates server-side state).
 */
final class EdgeHandler extends Handler.Wrapper {

    static final String ACCESS_LOGGER = "dev.books.adapter.http.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    private static final int MAX_LOGGED_PATH = 200;
    private static final String WEBSOCKET_HEADERS = "Sec-WebSocket-";
    private static final HttpField NOSNIFF = new HttpField("X-Content-Type-Options", "nosniff");
    /** Where Javalin serves static files from webjars; only the files /docs needs are let through. */
    static final String STATIC_PREFIX = "/webjars/";

    /** Set on the request by the route wrapper (see HttpApi) once Javalin has matched a route. */
    static final String ROUTE_ATTRIBUTE = "books.route";

    private final ProblemWriter problems;
    private final boolean accessLog;
    private final RequestMetrics metrics;
    private final Set<String> staticFiles;

    /** @param staticFiles the paths under {@code /webjars/} that may be served; any other is a 404 */
    EdgeHandler(ProblemWriter problems, boolean accessLog, RequestMetrics metrics, Set<String> staticFiles) {
        this.problems = problems;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.staticFiles = Set.copyOf(staticFiles);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        // No response of this API is to be sniffed into another type than it says.
        response.getHeaders().put(NOSNIFF);
        Callback done = new Completion(callback, request, response, requestId,
                accessLog && ACCESS.isInfoEnabled(), metrics);

        String refusal = RequestTargets.refusal(request.getHttpURI());
        if (refusal == null && request.getHeaders().contains(METHOD_OVERRIDE)) {
            refusal = METHOD_OVERRIDE + " is not supported; send the method itself.";
        }
        if (refusal == null) {
            refusal = TransferCodings.refusal(request.getHeaders());
            if (refusal != null) {
                metrics.refused("transfer-coding");
                // The body's framing is in doubt: the connection cannot carry another request.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
        }
        if (refusal != null) {
            problems.write(request, response, done, ProblemType.BAD_REQUEST, refusal);
            return true;
        }
        String path = request.getHttpURI().getPath();
        if (path != null && path.startsWith(STATIC_PREFIX) && !staticFiles.contains(path)) {
            problems.writeForStatus(request, response, done, 404);
            return true;
        }
        return super.handle(withoutUpgrade(request), response, done);
    }

    /** The request with the headers of a protocol upgrade removed, or itself when it has none. */
    private static Request withoutUpgrade(Request request) {
        HttpFields headers = request.getHeaders();
        boolean upgrade = false;
        for (HttpField field : headers) {
            if (isUpgradeHeader(field)) {
                upgrade = true;
                break;
            }
        }
        if (!upgrade) {
            return request;
        }
        HttpFields.Mutable kept = HttpFields.build(headers.size());
        for (HttpField field : headers) {
            if (!isUpgradeHeader(field)) {
                kept.add(field);
            }
        }
        HttpFields filtered = kept.asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return filtered;
            }
        };
    }

    private static boolean isUpgradeHeader(HttpField field) {
        String name = field.getName();
        return field.getHeader() == HttpHeader.UPGRADE
                || name.regionMatches(true, 0, WEBSOCKET_HEADERS, 0, WEBSOCKET_HEADERS.length());
    }

    /**
     * When the response is complete: records its metrics and logs its access line (method, route template, path,
     * status, duration, bytes, request id), in logfmt so that log pipelines can parse it.
     */
    private static final class Completion extends Callback.Nested {

        private final Request request;
        private final Response response;
        private final String requestId;
        private final boolean log;
        private final RequestMetrics metrics;
        private final long start = System.nanoTime();

        Completion(Callback callback, Request request, Response response, String requestId, boolean log,
                   RequestMetrics metrics) {
            super(callback);
            this.request = request;
            this.response = response;
            this.requestId = requestId;
            this.log = log;
            this.metrics = metrics;
        }

        @Override
        public void completed() {
            long nanos = System.nanoTime() - start;
            Object matched = request.getAttribute(ROUTE_ATTRIBUTE);
            String route = matched instanceof String template ? template : RequestMetrics.NO_ROUTE;
            int status = response.getStatus();
            metrics.record(request.getMethod(), route, status, nanos);
            if (log) {
                String path = request.getHttpURI().getPath();
                if (path != null && path.length() > MAX_LOGGED_PATH) {
                    path = path.substring(0, MAX_LOGGED_PATH) + "...";
                }
                long micros = nanos / 1000;
                // Who sent it, by the name their changes carry (a key's name, a token's subject): never a secret.
                String principal = Principals.of(request).map(p -> p.actor().name()).orElse("-");
                ACCESS.info("method={} route={} path={} status={} duration_ms={}.{} bytes={} principal={}"
                                + " request_id={}",
                        request.getMethod(), route, path, status, micros / 1000, micros % 1000 / 100,
                        Response.getContentBytesWritten(response), principal, requestId);
            }
        }
    }
}
