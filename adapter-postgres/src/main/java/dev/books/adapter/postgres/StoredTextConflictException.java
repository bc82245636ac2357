package dev.books.adapter.postgres;

import java.util.List;

/**
 * Migration V2 met stored books that it cannot normalise without a person's decision, and changed nothing: books the
 * text rules now refuse, and groups of books that are one work once normalised. The message names them by id (never
 * by their text, which may hold the very characters that garble a log) and says what to do.
 */
@SuppressWarnings("serial") // never serialised
final class StoredTextConflictException extends IllegalStateException {

    StoredTextConflictException(List<String> refused, long refusedCount, List<String> collisions) {
        super(describe(refused, refusedCount, collisions));
    }

    private static String describe(List<String> refused, long refusedCount, List<String> collisions) {
        StringBuilder message = new StringBuilder("Migration V2 (normalising stored text, ADR 0009) needs a decision "
                + "about some stored books and has changed nothing.");
        if (refusedCount > 0) {
            message.append("\n").append(refusedCount).append(refusedCount == 1 ? " book breaks" : " books break")
                    .append(" the text rules now enforced; correct or delete ")
                    .append(refusedCount == 1 ? "it" : "them").append(':');
            list(message, refused, refusedCount);
        }
        if (!collisions.isEmpty()) {
            message.append("\n").append(collisions.size())
                    .append(collisions.size() == 1 ? " group of books is" : " groups of books are")
                    .append(" one work once normalised (ids oldest first); keep one book of each group and delete"
                            + " or retitle the others:");
            list(message, collisions, collisions.size());
        }
        return message.append("\nThen run the migration again (java -jar books.jar migrate, or start the service).")
                .toString();
    }

    private static void list(StringBuilder message, List<String> entries, long count) {
        entries.stream().limit(NormalizeStoredText.LISTED).forEach(entry -> message.append("\n  ").append(entry));
        if (count > NormalizeStoredText.LISTED) {
            message.append("\n  … and ").append(count - NormalizeStoredText.LISTED)
                    .append(" more (the log names up to ").append(NormalizeStoredText.LOGGED).append(')');
        }
    }
}
