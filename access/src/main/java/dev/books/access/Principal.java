package dev.books.access;

import dev.books.domain.Actor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: the actor its changes are attributed to, and what it may do.
 *
 * @param actor  for the books it changes and the access log ({@code key:importer}, {@code jwt:<subject>})
 * @param scopes what it may do
 */
public record Principal(Actor actor, Set<Scope> scopes) {

    public Principal {
        Objects.requireNonNull(actor, "actor");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
