/**
 * The pure core of Books: the book model, its value objects and invariants, the driven ports and the refusals.
 * It reads nothing but {@code java.base}; every package is exported, since all of it is the model embedders use
 * (ADR 0017).
 */
module dev.books.domain {
    exports dev.books.domain;
}
