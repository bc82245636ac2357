package dev.books.adapter.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before a byte of it is read, whether a request body may come in, and how long it may take.
 *
 * <p>Bodies are read into memory ahead of the route (Jetty's {@code EagerContentHandler}, inside this handler), so
 * a slow client costs a connection but never a thread. What they cost in memory is bounded here: a body longer than
 * the limit is refused at once (413) when its Content-Length says so; the bodies being received at any moment may
 * together take at most {@code budgetBytes} (past that, 503 with Retry-After: a server that is busy receiving, not a
 * client mistake); and a body that has not fully arrived within {@code deadline} of the request has its connection
 * closed (whoever trickles a body that slowly is not a client to answer).
 */
final class BodyIntake extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(BodyIntake.class);
    /** How much of a body too large is still read (and dropped) so that its client sees the 413. */
    static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;
    /** Set by {@link Dispatched} when the body has arrived and the request goes on to the routes. */
    private static final String DISPATCHED = "books.body.dispatched";

    private final JettyProblems problems;
    private final RequestMetrics metrics;
    private final int maxBodyBytes;
    private final AtomicLong available;
    private final long deadlineMillis;

    BodyIntake(JettyProblems problems, RequestMetrics metrics, int maxBodyBytes, long budgetBytes, Duration deadline) {
        this.problems = problems;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.available = new AtomicLong(budgetBytes);
        this.deadlineMillis = deadline.toMillis();
    }

    /** The bytes of the budget not taken by bodies being received now (for tests). */
    long availableBytes() {
        return available.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        if (declared > maxBodyBytes) {
            refuseTooLarge(request, response, callback, declared);
            return true;
        }
        long reserved = chunked ? maxBodyBytes : declared;
        if (!reserve(reserved)) {
            metrics.refused("body-budget");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            problems.write(request, response, callback, new ErrorTranslation.Translation(
                    ErrorTranslation.Kind.SERVER_BUSY,
                    "The server is receiving as many request bodies as it can hold; retry after Retry-After."));
            return true;
        }
        AtomicBoolean dispatched = new AtomicBoolean();
        request.setAttribute(DISPATCHED, dispatched);
        Scheduler.Task deadline = request.getComponents().getScheduler()
                .schedule(() -> expire(request, dispatched), deadlineMillis, TimeUnit.MILLISECONDS);
        Callback release = Callback.from(callback, () -> {
            deadline.cancel();
            available.addAndGet(reserved);
        });
        try {
            if (super.handle(request, response, release)) {
                return true;
            }
        } catch (Throwable failure) {
            deadline.cancel();
            available.addAndGet(reserved);
            throw failure;
        }
        deadline.cancel();
        available.addAndGet(reserved);
        return false;
    }

    /**
     * Answers 413 to a body longer than the limit. A client still sending when the connection closes gets a reset
     * and often never reads the answer, so a body of up to {@link #MAX_DRAIN_BYTES} is first read and dropped
     * (without a thread, within the deadline); a larger one, or one whose client waits for "100 Continue", is
     * answered at once and its connection closed.
     */
    private void refuseTooLarge(Request request, Response response, Callback callback, long declared) {
        metrics.refused("body-too-large");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ErrorTranslation.Translation tooLarge = new ErrorTranslation.Translation(
                ErrorTranslation.Kind.PAYLOAD_TOO_LARGE, "The request body must be at most " + maxBodyBytes + " bytes.");
        boolean waitsForContinue = request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
        if (waitsForContinue || declared > MAX_DRAIN_BYTES) {
            problems.write(request, response, callback, tooLarge);
            return;
        }
        Scheduler.Task deadline = request.getComponents().getScheduler()
                .schedule(() -> expire(request, new AtomicBoolean()), deadlineMillis, TimeUnit.MILLISECONDS);
        Content.Source.consumeAll(request, Callback.from(() -> {
            deadline.cancel();
            problems.write(request, response, callback, tooLarge);
        }, failure -> {
            deadline.cancel();
            callback.failed(failure);
        }));
    }

    private boolean reserve(long bytes) {
        long left;
        do {
            left = available.get();
            if (left < bytes) {
                return false;
            }
        } while (!available.compareAndSet(left, left - bytes));
        return true;
    }

    private void expire(Request request, AtomicBoolean dispatched) {
        if (dispatched.get()) {
            return;
        }
        metrics.refused("body-deadline");
        LOG.debug("Closing the connection of request {}: its body did not arrive within {} ms",
                JettyProblems.requestId(request), deadlineMillis);
        request.getConnectionMetaData().getConnection().getEndPoint().close();
    }

    /** Sits after the eager reading of bodies: from here on, the deadline of {@link BodyIntake} no longer applies. */
    static final class Dispatched extends Handler.Wrapper {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (request.getAttribute(DISPATCHED) instanceof AtomicBoolean dispatched) {
                dispatched.set(true);
            }
            return super.handle(request, response, callback);
        }
    }
}
