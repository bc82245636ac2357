package dev.books.adapter.http.edge;

import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.ProblemWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * client mistake); and a body that has not fully arrived within {@code deadline} of the request is answered 408 and
 * its connection closed.
 */
final class BodyIntake extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(BodyIntake.class);
    /** How much of a body too large is still read (and dropped) so that its client sees the 413. */
    static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;
    /** Settled by {@link Dispatched} when the body has arrived, or by the deadline when it has not. */
    private static final String SETTLED = "books.body.settled";

    private final ProblemWriter problems;
    private final RequestMetrics metrics;
    private final int maxBodyBytes;
    private final AtomicLong available;
    private final long deadlineMillis;

    BodyIntake(ProblemWriter problems, RequestMetrics metrics, int maxBodyBytes, long budgetBytes, Duration deadline) {
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
            problems.write(request, response, callback, ProblemType.SERVER_BUSY,
                    "The server is receiving as many request bodies as it can hold; retry after Retry-After.");
            return true;
        }
        // Settled once: by the body's arrival (Dispatched), or by the deadline, whichever comes first.
        AtomicBoolean settled = new AtomicBoolean();
        request.setAttribute(SETTLED, settled);
        Callback once = new Once(Callback.from(callback, () -> available.addAndGet(reserved)));
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                expire(request, response, once);
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        Callback exchange = Callback.from(once, deadline::cancel);
        try {
            if (super.handle(request, response, exchange)) {
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
        String tooLarge = "The request body must be at most " + maxBodyBytes + " bytes.";
        boolean waitsForContinue = request.getHeaders().contains(HttpHeader.EXPECT, "100-continue");
        if (waitsForContinue || declared > MAX_DRAIN_BYTES) {
            problems.write(request, response, callback, ProblemType.PAYLOAD_TOO_LARGE, tooLarge);
            return;
        }
        // Answered once: when the body has been dropped, or at the deadline, whichever comes first.
        AtomicBoolean answered = new AtomicBoolean();
        Callback once = new Once(callback);
        Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                metrics.refused("body-deadline");
                problems.write(request, response, once, ProblemType.PAYLOAD_TOO_LARGE, tooLarge);
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        Content.Source.consumeAll(request, Callback.from(() -> {
            deadline.cancel();
            if (answered.compareAndSet(false, true)) {
                problems.write(request, response, once, ProblemType.PAYLOAD_TOO_LARGE, tooLarge);
            }
        }, failure -> {
            deadline.cancel();
            if (answered.compareAndSet(false, true)) {
                once.failed(failure);
            }
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

    /**
     * The body did not arrive in time: answered 408 at once, and the connection closed after the answer (the rest
     * of the body will not be read). The eager reading still holds the request; when it ends, {@link Dispatched}
     * finds the exchange settled and lets it go.
     */
    private void expire(Request request, Response response, Callback callback) {
        metrics.refused("body-deadline");
        LOG.debug("Request {}: its body did not arrive within {} ms", ProblemWriter.requestId(request),
                deadlineMillis);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        problems.write(request, response, callback, ProblemType.REQUEST_TIMEOUT,
                "The request body did not arrive within " + deadlineMillis / 1000 + " seconds.");
    }

    /** A callback that passes on only the first completion: the deadline and the body's arrival may both try. */
    private static final class Once extends Callback.Nested {

        private final AtomicBoolean done = new AtomicBoolean();

        Once(Callback callback) {
            super(callback);
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                super.succeeded();
            }
        }

        @Override
        public void failed(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                super.failed(failure);
            }
        }
    }

    /**
     * Sits after the eager reading of bodies: from here on, the deadline of {@link BodyIntake} no longer applies.
     * A request whose deadline has already answered it goes no further; its callback is failed so that the
     * chunks read ahead are released.
     */
    static final class Dispatched extends Handler.Wrapper {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (request.getAttribute(SETTLED) instanceof AtomicBoolean settled && !settled.compareAndSet(false, true)) {
                callback.failed(new TimeoutException("the body's deadline passed before it arrived"));
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
