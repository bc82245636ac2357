package dev.books.adapter.http.edge;

import dev.books.adapter.http.problem.ProblemWriter;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The server's edge, installed in front of the routes: what every request meets before any of them (ids, access
 * log, metrics, refusals of what no route should see, the intake of bodies within bounds) and how Jetty itself is
 * set up (threads, timeouts, no sessions, its error page). The numbers are {@link EdgeLimits}; docs/reliability.md
 * explains them.
 */
public final class Edge {

    /**
     * How long a stopping server keeps serving, its doors closed, before Jetty's graceful stop: time enough for a
     * request whose connection was accepted just before the doors closed to arrive (a balancer sends it the moment
     * it has connected).
     */
    static final Duration DOORS_CLOSED_PAUSE = Duration.ofMillis(500);

    private Edge() {
    }

    /**
     * Sets up Jetty under {@code cfg} and puts the edge in front of the routes.
     *
     * @param maxBodyBytes  the largest request body accepted
     * @param staticFiles   the paths under {@code /webjars/} that may be served
     * @param stopTimeout   how long a stop waits for requests in flight
     * @param guards        handlers to put right behind the edge, outermost first (who may send what: see the
     *                      {@code security} part), so that they run before any body is read
     */
    public static void install(JavalinConfig cfg, EdgeLimits limits, int maxBodyBytes, boolean accessLog,
                               Duration stopTimeout, Set<String> staticFiles, List<Handler.Wrapper> guards,
                               ProblemWriter problems, MeterRegistry meters) {
        RequestMetrics metrics = new RequestMetrics(meters);
        // Our handlers read bodies themselves, with the same limit; this covers anything else.
        cfg.http.maxRequestSize = maxBodyBytes;
        cfg.jetty.threadPool = threads(limits);
        cfg.jetty.modifyHttpConfiguration(http -> {
            // Let ambiguous targets through Jetty's parser so that EdgeHandler refuses them as problems.
            http.setUriCompliance(UriCompliance.LEGACY);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        // Books keeps no server-side state: no request (not even a WebSocket handshake, see EdgeHandler) can open
        // a session or be given a session cookie.
        cfg.jetty.modifyServletContextHandler(context -> context.setSessionHandler(new NoSessions()));
        cfg.jetty.modifyServer(server -> {
            // The connectors exist once the server is about to start.
            cfg.events.serverStarting(() -> {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector network) {
                        network.setIdleTimeout(limits.connectionIdleTimeout().toMillis());
                    }
                }
            });
            // Stopping closes the doors first: no new connection is accepted, and a request on a connection accepted
            // just before (a balancer connects, then sends) still arrives and is served in the pause that follows.
            // Left to Jetty, such a request would meet the graceful handler's 503, or its connection would close
            // unanswered, and a balancer passes either on to its client.
            cfg.events.serverStopping(() -> {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractNetworkConnector doors) {
                        doors.close();
                    }
                }
                pause(DOORS_CLOSED_PAUSE);
            });
            server.setErrorHandler(new JettyErrorPage(problems, metrics));
            // Each insert wraps what is there, so the last inserted is outermost. In request order: the edge sees
            // every request (ids, access log, metrics, refusals); the guards decide who may send it; the graceful
            // handler counts requests in flight so that stopping waits for them; the body intake admits bodies
            // within the memory budget and the deadline; the minimum data rate cuts off trickled bodies; bodies are
            // then read whole, without a thread, before the request is handed to Javalin's blocking servlet.
            server.insertHandler(new BodyIntake.Dispatched());
            server.insertHandler(new EagerContentHandler(new EagerContentHandler.RetainedContentLoaderFactory(
                    retainedBytes(maxBodyBytes), -1, true)));
            server.insertHandler(new MinimumDataRateHandler(limits.minRequestDataRate(), 0));
            server.insertHandler(new BodyIntake(problems, metrics, maxBodyBytes, limits.bodyBytesInFlight(),
                    limits.bodyDeadline()));
            server.insertHandler(new GracefulHandler());
            for (int i = guards.size() - 1; i >= 0; i--) {
                server.insertHandler(guards.get(i));
            }
            server.insertHandler(new EdgeHandler(problems, accessLog, metrics, staticFiles));
            server.setStopTimeout(stopTimeout.toMillis());
        });
        // Every route handler first notes its route template, for the access log and the metrics.
        cfg.router.handlerWrapper(endpoint -> ctx -> {
            ctx.req().setAttribute(EdgeHandler.ROUTE_ATTRIBUTE, endpoint.path);
            endpoint.handler.handle(ctx);
        });
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * At most {@link EdgeLimits#maxThreads()}, and threads beyond the minimum end after a short idle time, all of
     * them if need be (Jetty ends one per idle period by default): a burst's threads do not linger for minutes.
     *
     * <p>Where the runtime has virtual threads (Java 21+), requests run on them, at most
     * {@link EdgeLimits#maxThreads()} at once, and the platform threads are left to Jetty's acceptor and selector:
     * a request that waits (for a pooled connection, for PostgreSQL's answer) then parks its virtual thread instead
     * of switching kernel threads, which on a small machine cost more than the request itself
     * (docs/performance.md). On Java 17 requests run on the platform threads, as before.
     */
    private static QueuedThreadPool threads(EdgeLimits limits) {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), EdgeLimits.MIN_THREADS,
                (int) limits.threadIdleTimeout().toMillis());
        threads.setName("books-http");
        threads.setMaxEvictCount(limits.maxThreads());
        if (VirtualThreads.areSupported()) {
            VirtualThreadPool requests = new VirtualThreadPool(limits.maxThreads());
            requests.setName("books-request");
            threads.setVirtualThreadsExecutor(requests);
        }
        return threads;
    }

    /**
     * What the eager reading of a body may retain: the body's limit plus the framing of its chunks (Jetty counts a
     * few bytes per chunk); the exact limit is the JSON reader's to enforce.
     */
    private static long retainedBytes(int maxBodyBytes) {
        return maxBodyBytes + maxBodyBytes / 8L + 1024;
    }
}
