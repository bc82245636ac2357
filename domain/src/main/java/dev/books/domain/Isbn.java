package dev.books.domain;

/**
 * An International Standard Book Number, always held as its 13 digits.
 *
 * <p>Accepts an ISBN-10 or an ISBN-13, with or without hyphens or spaces; verifies the check digit; converts an
 * ISBN-10 to its ISBN-13 ("978" + the first nine digits + a new check digit).
 */
public record Isbn(String value) {

    private static final String FIELD = "isbn";
    /** Longer raw input is rejected before it is scanned: no real ISBN needs it, even generously hyphenated. */
    private static final int MAX_RAW_LENGTH = 32;

    public Isbn {
        value = toIsbn13(value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String toIsbn13(String raw) {
        if (raw == null) {
            throw new InvalidBookException(FIELD, Refusals.REQUIRED);
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new InvalidBookException(FIELD, Refusals.NOT_AN_ISBN);
        }
        String compact = raw.strip().replace("-", "").replace(" ", "");
        if (compact.length() == 13 && allDigits(compact, 13)) {
            if (!compact.startsWith("978") && !compact.startsWith("979")) {
                throw new InvalidBookException(FIELD, Refusals.ISBN_PREFIX);
            }
            if (isbn13CheckDigit(compact) != compact.charAt(12) - '0') {
                throw new InvalidBookException(FIELD, Refusals.ISBN_CHECK_DIGIT);
            }
            return compact;
        }
        if (compact.length() == 10 && allDigits(compact, 9) && isIsbn10CheckChar(compact.charAt(9))) {
            if (!isValidIsbn10(compact)) {
                throw new InvalidBookException(FIELD, Refusals.ISBN_CHECK_DIGIT);
            }
            String twelve = "978" + compact.substring(0, 9);
            return twelve + isbn13CheckDigit(twelve);
        }
        throw new InvalidBookException(FIELD, Refusals.NOT_AN_ISBN);
    }

    private static boolean allDigits(String s, int count) {
        for (int i = 0; i < count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isIsbn10CheckChar(char c) {
        return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
    }

    /** The check digit of the first twelve digits: weights 1, 3, 1, 3… and the sum made a multiple of ten. */
    private static int isbn13CheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (digits.charAt(i) - '0');
        }
        return (10 - sum % 10) % 10;
    }

    /** ISBN-10: weights 10 down to 1, the sum a multiple of eleven; X stands for ten in the last place. */
    private static boolean isValidIsbn10(String s) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            int digit = (c == 'X' || c == 'x') ? 10 : c - '0';
            sum += (10 - i) * digit;
        }
        return sum % 11 == 0;
    }
}
