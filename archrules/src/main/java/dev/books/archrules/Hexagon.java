package dev.books.archrules;

import java.util.Objects;

/**
 * Where the rings of a hexagon live, as package names: the rules of {@link HexagonRules} are written over these.
 *
 * <p>Each package stands for itself and its sub-packages. Every direct sub-package of {@code adapters} is one
 * adapter ({@code ….adapter.sqlite}, {@code ….adapter.http}, and any added later).
 *
 * @param root        the package under which all of the checked code lives; package cycles are looked for below it
 * @param domain      the model and its driven ports
 * @param application the use cases: driving ports, commands and results, factories, and their implementations
 * @param adapters    the parent package of the adapters
 * @param wiring      the code that knows everything and puts the hexagon together ({@code main})
 */
public record Hexagon(String root, String domain, String application, String adapters, String wiring) {

    /** The package of the Books domain. */
    public static final String BOOKS_DOMAIN = "dev.books.domain";
    /** The package of the Books use cases. */
    public static final String BOOKS_APPLICATION = "dev.books.application";

    public Hexagon {
        requirePackage(root, "root");
        requirePackage(domain, "domain");
        requirePackage(application, "application");
        requirePackage(adapters, "adapters");
        requirePackage(wiring, "wiring");
    }

    /**
     * The Books layout under {@code root}: {@code root.domain}, {@code root.application}, one package per adapter
     * under {@code root.adapter}, the wiring in {@code root.bootstrap}.
     */
    public static Hexagon of(String root) {
        return new Hexagon(root, root + ".domain", root + ".application", root + ".adapter", root + ".bootstrap");
    }

    /**
     * A project that embeds the Books core: the domain and use cases are Books' own, the adapters live in one
     * package each under {@code root.adapter}, the wiring in {@code root.app}.
     */
    public static Hexagon embedding(String root) {
        return new Hexagon(root, BOOKS_DOMAIN, BOOKS_APPLICATION, root + ".adapter", root + ".app");
    }

    private static void requirePackage(String name, String role) {
        Objects.requireNonNull(name, role);
        if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("the " + role + " package must be a package name, was '" + name + "'");
        }
    }
}
