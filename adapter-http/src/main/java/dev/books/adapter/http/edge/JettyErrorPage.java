package dev.books.adapter.http.edge;

import dev.books.adapter.http.exchange.RequestIds;
import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.ProblemWriter;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error page, replaced: the errors Jetty answers itself (a request line or header it cannot parse, a
 * URI too long, headers too large, a body that trickles in too slowly...) become problems too, never HTML, and
 * never show Jetty's message.
 *
 * <p>A client that stops sending, sends too slowly or goes away is not a server failure, whatever status Jetty
 * hands over (it says 500 for a connection closed mid-request): such an exchange is counted
 * ({@code http_server_refused_total}) and logged at DEBUG, never as an ERROR with a stack trace.
 */
final class JettyErrorPage extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrorPage.class);

    private final ProblemWriter problems;
    private final RequestMetrics metrics;

    JettyErrorPage(ProblemWriter problems, RequestMetrics metrics) {
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException httpException) {
            status = httpException.getCode();
        }
        if (status == 408 || causedBy(cause, TimeoutException.class)) {
            metrics.refused("timeout");
            LOG.debug("Request {} timed out while it was received: {}", ProblemWriter.requestId(request),
                    String.valueOf(cause));
            problems.writeForStatus(request, response, callback, 408);
        } else if (isClientGone(cause)) {
            metrics.refused("client-abort");
            LOG.debug("Request {} ended by the client before it was complete: {}", ProblemWriter.requestId(request),
                    String.valueOf(cause));
            problems.write(request, response, callback, ProblemType.BAD_REQUEST,
                    "The request was not received completely.");
        } else {
            boolean reachedTheEdge = request.getAttribute(RequestIds.ATTRIBUTE) != null;
            ProblemType type = problems.writeForStatus(request, response, callback, status);
            if (type.status() < 500 && !reachedTheEdge) {
                // A request Jetty could not parse (or lost before its headers ended): no route, no access log line.
                metrics.refused("bad-message");
                LOG.debug("Request {} refused by the HTTP parser (status {}): {}", ProblemWriter.requestId(request),
                        status, String.valueOf(cause));
            }
            if (type == ProblemType.INTERNAL_ERROR) {
                LOG.error("Request {} failed inside the server (status {})", ProblemWriter.requestId(request),
                        status, cause);
            }
        }
        return true;
    }

    /** The connection closed under the request: end of stream, a reset, or a channel already closed. */
    static boolean isClientGone(Throwable failure) {
        return causedBy(failure, EofException.class) || causedBy(failure, ClosedChannelException.class)
                || (failure instanceof IOException io && io.getClass() == IOException.class
                        && String.valueOf(io.getMessage()).contains("reset"));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
