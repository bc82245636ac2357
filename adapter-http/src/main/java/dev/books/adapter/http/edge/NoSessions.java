package dev.books.adapter.http.edge;

import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.session.ManagedSession;

/**
 * The session handler of a service that keeps no sessions: Javalin's servlet context always has one, so it is
 * replaced by this one, which refuses to make a session (and so never sets a session cookie). Nothing in Books asks
 * for a session; should a future change or a library start to, it fails loudly in tests instead of quietly
 * keeping state per client.
 */
final class NoSessions extends SessionHandler {

    NoSessions() {
        setUsingCookies(false);
    }

    @Override
    public void newSession(Request request, String requestedSessionId, Consumer<ManagedSession> consumer) {
        throw new IllegalStateException("Books keeps no server-side sessions");
    }
}
