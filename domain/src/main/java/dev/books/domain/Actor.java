package dev.books.domain;

import java.util.Objects;

/**
 * Who made a change: a name the driving adapter gives the authenticated principal ({@code key:importer} for an API
 * key, {@code jwt:<subject>} for a token), or one of the names below. Kept with each book ({@link Book#createdBy()},
 * {@link Book#updatedBy()}) and with each deletion.
 *
 * @param name 1 to {@link #MAX_LENGTH} printable ASCII characters
 */
public record Actor(String name) {

    public static final int MAX_LENGTH = 200;
    /** Changes made while no one was asked who they are (authentication switched off). */
    public static final Actor ANONYMOUS = new Actor("anonymous");
    /** Changes made before changes were attributed. */
    public static final Actor UNKNOWN = new Actor("unknown");

    public Actor {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an actor's name is 1 to " + MAX_LENGTH + " characters, was "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("an actor's name is printable ASCII without spaces");
            }
        }
    }

    /** An actor whose name is derived from outside input (a token's subject, say): kept within the rules. */
    public static Actor named(String prefix, String raw) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < raw.length() && name.length() < MAX_LENGTH; i++) {
            char c = raw.charAt(i);
            name.append(c >= 0x21 && c <= 0x7E ? c : '_');
        }
        return new Actor(name.toString());
    }

    @Override
    public String toString() {
        return name;
    }
}
