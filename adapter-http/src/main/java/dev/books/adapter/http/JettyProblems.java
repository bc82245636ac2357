package dev.books.adapter.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes a problem straight through Jetty, for requests answered before (or without) Javalin. */
final class JettyProblems {

    private final JsonCodec json;
    private final ProblemHeaders headers;

    JettyProblems(JsonCodec json, ProblemHeaders headers) {
        this.json = json;
        this.headers = headers;
    }

    /** The request id the edge handler assigned, or one assigned now (for requests that never reached it). */
    static String requestId(Request request) {
        Object assigned = request.getAttribute(RequestIds.ATTRIBUTE);
        if (assigned instanceof String id) {
            return id;
        }
        String id = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        return id;
    }

    void write(Request request, Response response, Callback callback, ErrorTranslation.Translation translation) {
        String requestId = requestId(request);
        int status = translation.kind().status();
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        fields.put(RequestIds.HEADER, requestId);
        headers.forEach(translation.kind(), fields::put);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return;
        }
        fields.put(HttpHeader.CONTENT_TYPE, ProblemHeaders.PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(json.write(translation.toProblem(requestId))), callback);
    }
}
