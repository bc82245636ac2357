package dev.books.domain;

import java.util.Random;

/** Random inputs for the property tests, biased towards what breaks text and ISBN handling. */
final class Generators {

    /** Whitespace of every kind Java knows, including the ones only {@link Character#isSpaceChar} admits. */
    private static final String[] SPACES = {
        " ", "\t", "\n", "\r\n", "\u000B", "\f", "\u001C", "\u00A0", "\u1680", "\u2000", "\u2007", "\u200A",
        "\u2028", "\u2029", "\u202F", "\u205F", "\u3000",
    };

    /** Characters that have broken text handling somewhere before. */
    private static final String[] TRICKY = {
        "\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009B", "\u200B", "\u200D", "\uFEFF", "\uFFFF",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "ß", "İ", "ı", "ﬁ", "ŉ", "Σ", "ς", "\u0301", "\uD83D\uDCDA",
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD835\uDD04",
    };

    /**
     * Text that looks the same, or nearly, in another Unicode form: decomposed accents, compatibility characters,
     * characters drawn as nothing, bidirectional controls.
     */
    private static final String[] UNICODE_FORMS = {
        "e\u0301", "\u00E9", "a\u0323\u0302", "\u1E9B\u0323", "\u01F0", "\u0390", "\u0958", "\u1100\u1161",
        "\uFF24", "\uFF55", "\uFF4E", "\uFF45", "\uFB01", "\u00B2", "\u2163", "\u3300", "\uFDFA", "\u00A8",
        "\uFF76", "\u2460", "\uD835\uDC00", "\u200C", "\u200D", "\u200E", "\u202E", "\u2066", "\u061C",
        "\u00AD", "\u2060", "\u3164", "\u115F", "\uFFA0", "\u2800", "\uFE0F", "\u034F", "\uDB40\uDC41",
        "\uDB40\uDD00", "\u20E3", "\u0D4D",
    };

    /** Pieces of visible text, in several Unicode forms. */
    private static final String[] VISIBLE_FORMS = {
        "a", "B", "z", "7", "-", "\u00E9", "e\u0301", "a\u0323\u0302", "\u1E9B\u0323", "\u01F0", "\u0390", "\u0958",
        "\u1100\u1161", "\uAC01", "\uFF24", "\uFF55", "\uFB01", "\u00B2", "\u2163", "\u3300", "\u00A8", "\uFF76",
        "\u2460", "\uD835\uDC00", "ß", "İ", "Σ", "ς", "ŉ", "ж", "漢", "\u0915\u094D", "\uD83D\uDCDA", "\u263A",
    };

    /** Characters allowed after visible text that show nothing of their own, or only as part of what precedes them. */
    private static final String[] HARMLESS_FORMS = {
        "\u200D", "\u200C", "\uFE0F", "\u034F", "\u3164", "\uFFA0", "\u2800", "\u0301", "\u0308", "\u20E3",
        "\uDB40\uDD00", "\u00A0", "\u3000",
    };

    private static final String OTHER_SCRIPTS = "абвгдеёжзийΑαΒβΓγΔδΕεЖж漢字かなカナ한글كتابשלוםÀÉÎÕÜñçøåæ";

    private Generators() {
    }

    /**
     * Any text at all: ASCII, other scripts, every kind of whitespace, control characters, lone surrogates,
     * characters outside the BMP, decomposed accents, compatibility, format and invisible characters. Lengths
     * cluster around 0, 50 and 200 code points, where the limits are.
     */
    static String anyText(Random random) {
        int pieces = switch (random.nextInt(5)) {
            case 0 -> random.nextInt(6);
            case 1 -> 40 + random.nextInt(20);
            case 2, 3 -> 185 + random.nextInt(30);
            default -> random.nextInt(400);
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(piece(random));
        }
        return text.toString();
    }

    /** Text from printable ASCII and spaces only, with a letter in it. */
    static String asciiText(Random random) {
        StringBuilder text = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.insert(random.nextInt(text.length() + 1), (char) (' ' + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    /** Some whitespace of the given kinds, one or more characters long. */
    static String whitespaceRun(Random random) {
        StringBuilder run = new StringBuilder();
        do {
            run.append(pick(random, SPACES));
        } while (random.nextInt(3) == 0);
        return run.toString();
    }

    /**
     * Visible text in every Unicode form: letters of several scripts, some decomposed, some full-width or otherwise
     * compatibility-encoded, with spaces, joiners and characters drawn as nothing among them; never a control, format
     * character or broken surrogate pair, so most of it is accepted.
     */
    static String formsText(Random random) {
        int pieces = 1 + random.nextInt(random.nextInt(4) == 0 ? 120 : 12);
        StringBuilder text = new StringBuilder().append(pick(random, VISIBLE_FORMS));
        for (int i = 1; i < pieces; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> " ";
                case 1 -> pick(random, HARMLESS_FORMS);
                default -> pick(random, VISIBLE_FORMS);
            });
        }
        return text.toString();
    }

    private static String piece(Random random) {
        return switch (random.nextInt(11)) {
            case 0, 1, 2, 3 -> String.valueOf((char) (' ' + random.nextInt(0x5F)));
            case 4 -> pick(random, SPACES);
            case 5 -> pick(random, TRICKY);
            case 6 -> String.valueOf((char) random.nextInt(0x10000));
            case 7 -> new String(Character.toChars(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xFFFF)));
            case 8 -> pick(random, UNICODE_FORMS);
            default -> String.valueOf(OTHER_SCRIPTS.charAt(random.nextInt(OTHER_SCRIPTS.length())));
        };
    }

    // ------------------------------------------------------------------------------------------------ ISBNs

    /** A valid ISBN-13 as 13 digits, in the 978 or the 979 range. */
    static String isbn13(Random random) {
        String twelve = (random.nextBoolean() ? "978" : "979") + digits(random, 9);
        return twelve + isbn13CheckDigit(twelve);
    }

    /** A valid ISBN-10 as 10 characters, its check character X (in either case) when it is ten. */
    static String isbn10(Random random) {
        String nine = digits(random, 9);
        char check = isbn10CheckChar(nine);
        return nine + (check == 'X' && random.nextBoolean() ? 'x' : check);
    }

    /** The ISBN with a hyphen or a space in some of the gaps between its characters. */
    static String punctuate(Random random, String isbn) {
        StringBuilder out = new StringBuilder().append(isbn.charAt(0));
        for (int i = 1; i < isbn.length(); i++) {
            int gap = random.nextInt(6);
            if (gap == 0) {
                out.append('-');
            } else if (gap == 1) {
                out.append(' ');
            }
            out.append(isbn.charAt(i));
        }
        return out.toString();
    }

    /** Anything that might be typed into an ISBN field, valid or not, mostly close to valid. */
    static String isbnLike(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> punctuate(random, isbn13(random));
            case 1 -> punctuate(random, isbn10(random));
            case 2 -> withOneCharacterChanged(random, random.nextBoolean() ? isbn13(random) : isbn10(random));
            case 3 -> digits(random, 8 + random.nextInt(8));
            case 4 -> punctuate(random, digits(random, 9 + random.nextInt(5)) + (random.nextBoolean() ? "X" : ""));
            case 5 -> fromAlphabet(random, "0123456789Xx- ", random.nextInt(40));
            case 6 -> fromAlphabet(random, "0123456789-０１٣\t\u00A0xX", random.nextInt(20));
            default -> anyText(random);
        };
    }

    static String digits(Random random, int count) {
        return fromAlphabet(random, "0123456789", count);
    }

    /** The ISBN-13 check digit of twelve digits: weights 1, 3, 1, 3... and the total a multiple of ten. */
    static char isbn13CheckDigit(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (i % 2 == 0 ? 1 : 3) * (twelve.charAt(i) - '0');
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** The ISBN-10 check character of nine digits: weights 10 down to 2, the total a multiple of eleven. */
    static char isbn10CheckChar(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (nine.charAt(i) - '0');
        }
        int check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    /** The text with one character replaced by another from the same alphabet of digits and X. */
    static String withOneCharacterChanged(Random random, String isbn) {
        int at = random.nextInt(isbn.length());
        char replacement;
        do {
            replacement = "0123456789X".charAt(random.nextInt(11));
        } while (Character.toUpperCase(isbn.charAt(at)) == replacement);
        return isbn.substring(0, at) + replacement + isbn.substring(at + 1);
    }

    private static String fromAlphabet(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
