package dev.books.adapter.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first handler every request meets, before Javalin: assigns its request id (so every response, errors and
 * 404s included, carries X-Request-Id) and refuses, as a problem, what no route should ever see: odd request
 * targets (see {@link RequestTargets}) and X-HTTP-Method-Override, which Javalin would otherwise obey (turning a
 * GET into a DELETE behind the back of any proxy that filters methods).
 */
final class EdgeHandler extends Handler.Wrapper {

    private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final JettyProblems problems;

    EdgeHandler(JettyProblems problems) {
        this.problems = problems;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, requestId);
        response.getHeaders().put(RequestIds.HEADER, requestId);

        String refusal = RequestTargets.refusal(request.getHttpURI());
        if (refusal == null && request.getHeaders().contains(METHOD_OVERRIDE)) {
            refusal = METHOD_OVERRIDE + " is not supported; send the method itself.";
        }
        if (refusal != null) {
            problems.write(request, response, callback,
                    new ErrorTranslation.Translation(ErrorTranslation.Kind.BAD_REQUEST, refusal));
            return true;
        }
        return super.handle(request, response, callback);
    }
}
