package dev.books.adapter.http.exchange;

import dev.books.access.Principal;
import dev.books.domain.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * Who sent a request, as the security guard established it (see the {@code security} part): a request attribute,
 * set before any route runs, read by the routes (to attribute changes) and by the access log.
 */
public final class Principals {

    /** The request attribute that holds the {@link Principal}; absent for an anonymous request. */
    public static final String ATTRIBUTE = "dev.books.principal";

    private Principals() {
    }

    /** The principal of a request, if it was authenticated. */
    public static Optional<Principal> of(Request request) {
        return Optional.ofNullable(request.getAttribute(ATTRIBUTE)).map(Principal.class::cast);
    }

    /** The principal of a request, as the routes see it. */
    public static Optional<Principal> of(HttpServletRequest request) {
        return Optional.ofNullable(request.getAttribute(ATTRIBUTE)).map(Principal.class::cast);
    }

    /** To whom a change by this request is attributed: its principal's actor, or {@link Actor#ANONYMOUS}. */
    public static Actor actorOf(HttpServletRequest request) {
        return of(request).map(Principal::actor).orElse(Actor.ANONYMOUS);
    }
}
