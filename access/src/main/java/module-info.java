/**
 * Who may do what, without HTTP or SQL: scopes, principals, API keys and the port where keys are kept. Depends on
 * the domain only (an {@link dev.books.domain.Actor} names who made a change); see ADR 0014.
 */
module dev.books.access {
    // Transitive: a principal's actor is the domain's Actor.
    requires transitive dev.books.domain;

    exports dev.books.access;
}
