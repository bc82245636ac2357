package dev.books.adapter.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler every request meets, before Javalin: assigns its request id (so every response, errors and
 * 404s included, carries X-Request-Id), writes the access log line when the exchange completes, and refuses, as a
 * problem, what no route should ever see: odd request targets (see {@link RequestTargets}) and
 * X-HTTP-Method-Override, which Javalin would otherwise obey (turning a GET into a DELETE behind the back of any
 * proxy that filters methods).
 */
final class EdgeHandler extends Handler.Wrapper {

    static final String ACCESS_LOGGER = "dev.books.adapter.http.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    private static final int MAX_LOGGED_PATH = 200;

    private final JettyProblems problems;
    private final boolean accessLog;

    EdgeHandler(JettyProblems problems, boolean accessLog) {
        this.problems = problems;
        this.accessLog = accessLog;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        Callback done = accessLog && ACCESS.isInfoEnabled()
                ? new AccessLogLine(callback, request, response, requestId) : callback;

        String refusal = RequestTargets.refusal(request.getHttpURI());
        if (refusal == null && request.getHeaders().contains(METHOD_OVERRIDE)) {
            refusal = METHOD_OVERRIDE + " is not supported; send the method itself.";
        }
        if (refusal != null) {
            problems.write(request, response, done,
                    new ErrorTranslation.Translation(ErrorTranslation.Kind.BAD_REQUEST, refusal));
            return true;
        }
        return super.handle(request, response, done);
    }

    /** Logs one line (method, path, status, duration, request id) when the response is complete. */
    private static final class AccessLogLine extends Callback.Nested {

        private final Request request;
        private final Response response;
        private final String requestId;
        private final long start = System.nanoTime();

        AccessLogLine(Callback callback, Request request, Response response, String requestId) {
            super(callback);
            this.request = request;
            this.response = response;
            this.requestId = requestId;
        }

        @Override
        public void completed() {
            long micros = (System.nanoTime() - start) / 1000;
            String path = request.getHttpURI().getPath();
            if (path != null && path.length() > MAX_LOGGED_PATH) {
                path = path.substring(0, MAX_LOGGED_PATH) + "...";
            }
            ACCESS.info("{} {} {} {}.{}ms id={}", request.getMethod(), path, response.getStatus(), micros / 1000,
                    micros % 1000 / 100, requestId);
        }
    }
}
