/**
 * The use cases of Books: the driving ports, their commands and results, and the factories that hand them out.
 * The service implementations are package-private in the exported package, and the module is not open, so a
 * consumer on the module path can neither name them nor reach them by reflection, nor put a class of its own into
 * the package to get at them: the package belongs to this module alone (ADR 0017).
 */
module dev.books.application {
    // Transitive: the ports speak the domain's language (Book, BookRepository, the refusals).
    requires transitive dev.books.domain;

    exports dev.books.application;
}
