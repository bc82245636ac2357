package dev.books.testkit;

import dev.books.domain.Book;
import dev.books.domain.SearchText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Search as the PostgreSQL adapter searches (ADR 0016), so that {@link InMemoryBookRepository} finds and ranks
 * exactly the books the database does: which books match a search text, and how relevant each is.
 *
 * <p>A book matches when, for every word of the text, it has the word or a slip of it: two neighbouring letters
 * swapped, one letter left out, or one added (from {@code a}–{@code z}, or {@code 0}–{@code 9} in a number). A
 * book's words are the runs of letters and digits of its match keys without accents, title then author, and every
 * two neighbours written together ("leguin" finds "Le Guin"). The
 * relevance is pg_trgm's {@code similarity()} ({@link TrigramSimilarity}) between the book's keys and the text's,
 * both without accents.
 *
 * <p>Accents are removed as PostgreSQL's {@code unaccent} removes them from the letters books are written in: Latin
 * and Greek letters lose their marks, "ё" becomes "е", and Latin letters that are not a letter and a mark are spelt
 * out ("æ" → "ae", "ø" → "o"). Beyond those (a Cyrillic "й", which {@code unaccent} keeps; symbols it spells out,
 * such as "©") the two can differ: the parity test in the PostgreSQL adapter covers the letters above.
 */
public final class WordSearch {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    private WordSearch() {
    }

    /** Whether the book has every word of the text, or a slip of it. */
    public static boolean matches(Book book, SearchText text) {
        List<String> wanted = words(unaccent(text.matchKey()));
        if (wanted.isEmpty()) {
            return false;
        }
        Set<String> own = ownWords(searchText(book));
        return wanted.stream().allMatch(word -> slips(word).stream().anyMatch(own::contains));
    }

    /** How well the book fits the text: {@code similarity()} of the two without accents, in single precision. */
    public static float relevance(Book book, SearchText text) {
        return TrigramSimilarity.similarity(searchText(book), unaccent(text.matchKey()));
    }

    /** The runs of letters and digits of a text, distinct, in order. */
    public static List<String> words(String text) {
        return List.copyOf(new LinkedHashSet<>(sequence(text)));
    }

    /** A book's words, as V5's {@code books_search_words} lists them: each word, and each two neighbours joined. */
    public static Set<String> ownWords(String searchText) {
        List<String> sequence = sequence(searchText);
        Set<String> own = new HashSet<>(sequence);
        for (int i = 0; i + 1 < sequence.size(); i++) {
            own.add(sequence.get(i) + sequence.get(i + 1));
        }
        return own;
    }

    private static List<String> sequence(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                words.add(text.substring(start, i));
            } else {
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return words;
    }

    /** The word and every word one slip away from it. */
    public static Set<String> slips(String word) {
        int[] cps = word.codePoints().toArray();
        String alphabet = word.chars().allMatch(c -> c >= '0' && c <= '9') ? DIGITS : LETTERS;
        Set<String> slips = new LinkedHashSet<>();
        slips.add(word);
        for (int i = 0; i + 1 < cps.length; i++) {
            int[] swapped = cps.clone();
            swapped[i] = cps[i + 1];
            swapped[i + 1] = cps[i];
            slips.add(new String(swapped, 0, swapped.length));
        }
        if (cps.length > 1) {
            for (int i = 0; i < cps.length; i++) {
                slips.add(new String(cps, 0, i) + new String(cps, i + 1, cps.length - i - 1));
            }
        }
        for (int i = 0; i <= cps.length; i++) {
            String before = new String(cps, 0, i);
            String after = new String(cps, i, cps.length - i);
            for (int c = 0; c < alphabet.length(); c++) {
                slips.add(before + alphabet.charAt(c) + after);
            }
        }
        return slips;
    }

    /** What PostgreSQL's {@code unaccent} makes of a match key (case-folded already), for the letters above. */
    public static String unaccent(String key) {
        StringBuilder out = new StringBuilder(key.length());
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            i += Character.charCount(cp);
            String spelt = spelt(cp);
            if (spelt != null) {
                out.append(spelt);
            } else if (cp < 0x80 || !hasMarksToDrop(cp)) {
                out.appendCodePoint(cp);
            } else {
                Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD).codePoints()
                        .filter(part -> Character.getType(part) != Character.NON_SPACING_MARK)
                        .forEach(out::appendCodePoint);
            }
        }
        return out.toString();
    }

    private static String searchText(Book book) {
        return unaccent(book.title().matchKey() + " " + book.author().matchKey());
    }

    private static boolean hasMarksToDrop(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK;
    }

    private static String spelt(int cp) {
        return switch (cp) {
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ø' -> "o";
            case 'ł', 'ŀ' -> "l";
            case 'đ', 'ð' -> "d";
            case 'þ' -> "th";
            case 'ı' -> "i";
            case 'ħ' -> "h";
            case 'ŧ' -> "t";
            case 'ſ' -> "s";
            case 'ё' -> "е";
            default -> null;
        };
    }
}
