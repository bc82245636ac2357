package dev.books.adapter.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error page, replaced: the errors Jetty answers itself (a request line or header it cannot parse, a
 * URI too long, headers too large...) become problems too, never HTML, and never show Jetty's message.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final JettyProblems problems;

    ProblemErrorHandler(JettyProblems problems) {
        this.problems = problems;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException httpException) {
            status = httpException.getCode();
        }
        ErrorTranslation.Translation translation = ErrorTranslation.forStatus(status);
        if (translation.kind() == ErrorTranslation.Kind.INTERNAL_ERROR) {
            LOG.error("Request {} failed inside the server (status {})", JettyProblems.requestId(request), status,
                    cause);
        }
        problems.write(request, response, callback, translation);
        return true;
    }
}
