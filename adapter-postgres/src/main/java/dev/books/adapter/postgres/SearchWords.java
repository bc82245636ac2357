package dev.books.adapter.postgres;

import dev.books.domain.SearchText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a search text asks of a book's words (ADR 0016), as {@code tsquery}s that {@code books_search_words_idx}
 * answers: one for every distinct word typed, the word or any slip of it, and a book must meet them all. One query
 * per word rather than one for the text: GIN scans them as separate keys, each checked against a short query.
 *
 * <p>A word is a run of letters and digits of the text's match key without accents, as V5's
 * {@code books_search_words} cuts a book's keys. Its slips are every word one edit away: two neighbouring letters
 * swapped, one left out or one added (from {@code a}–{@code z}, or {@code 0}–{@code 9} in a number; a replaced
 * letter is not a slip: it would double the words to look up, see ADR 0016), and, for a word of four letters or more, the word cut in two parts of at least two letters, both in
 * the book ("leguin" finds "Le Guin").
 *
 * @param words     the distinct words of the text, in the order typed
 * @param tsqueries for each word, the {@code tsquery} text of its alternatives: only letters, digits, quotes and
 *                  operators, never a value to escape
 */
record SearchWords(List<String> words, List<String> tsqueries) {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    /** The shortest word that is also looked for cut in two, and the shortest part. */
    private static final int SHORTEST_SPLIT = 4;
    private static final int SHORTEST_PART = 2;

    static SearchWords of(SearchText text) {
        String key = unaccent(text.matchKey());
        List<String> words = words(key);
        List<String> tsqueries = new ArrayList<>();
        for (String word : words) {
            tsqueries.add(String.join(" | ", alternatives(word)));
        }
        return new SearchWords(words, List.copyOf(tsqueries));
    }

    /** The distinct runs of letters and digits, in order. */
    static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
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
        return List.copyOf(words);
    }

    /** The word and its slips as quoted lexemes, and its splits as pairs that must both be there. */
    private static List<String> alternatives(String word) {
        Set<String> lexemes = new LinkedHashSet<>(slips(word));
        List<String> alternatives = new ArrayList<>();
        for (String lexeme : lexemes) {
            alternatives.add(quoted(lexeme));
        }
        int[] cps = word.codePoints().toArray();
        if (cps.length >= SHORTEST_SPLIT) {
            for (int cut = SHORTEST_PART; cut <= cps.length - SHORTEST_PART; cut++) {
                alternatives.add("(" + quoted(new String(cps, 0, cut)) + " & "
                        + quoted(new String(cps, cut, cps.length - cut)) + ")");
            }
        }
        return alternatives;
    }

    /** The word and every word one edit away from it (the word first). */
    static Set<String> slips(String word) {
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

    /** Words are letters and digits only, so quoting needs no escapes. */
    private static String quoted(String lexeme) {
        return "'" + lexeme + "'";
    }

    /**
     * What PostgreSQL's {@code unaccent} makes of a match key, for the letters books are written in: Latin and Greek
     * letters lose their accents (decomposed, marks left out), "ё" becomes "е", and the Latin letters that are not
     * a letter and an accent are spelt out ("æ" → "ae", "ø" → "o"). Keys are case-folded already.
     */
    static String unaccent(String key) {
        StringBuilder out = new StringBuilder(key.length());
        int i = 0;
        while (i < key.length()) {
            int cp = key.codePointAt(i);
            i += Character.charCount(cp);
            String spelt = spelt(cp);
            if (spelt != null) {
                out.append(spelt);
            } else if (cp < 0x80 || !hasAccentsToDrop(cp)) {
                out.appendCodePoint(cp);
            } else {
                Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD).codePoints()
                        .filter(part -> Character.getType(part) != Character.NON_SPACING_MARK)
                        .forEach(out::appendCodePoint);
            }
        }
        return out.toString();
    }

    private static boolean hasAccentsToDrop(int cp) {
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
