package dev.books.adapter.postgres;

import dev.books.domain.SearchText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a search text asks of a book's words (ADR 0016): for every distinct word typed, the word or one of its slips
 * among the book's words ({@code books_search_words}, V5), each answered by {@code books_search_words_idx} as
 * {@code words && slips}.
 *
 * <p>A word is a run of letters and digits of the text's match key without accents, as V5 cuts a book's keys. Its
 * slips are the word and every word one edit away: two neighbouring letters swapped, one left out, or one added
 * (from {@code a}–{@code z}, or {@code 0}–{@code 9} in a number). A replaced letter is not a slip: it would double
 * the words to look up (ADR 0016).
 *
 * @param slips for each distinct word, in the order typed, the word and its slips
 */
record SearchWords(List<List<String>> slips) {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    static SearchWords of(SearchText text) {
        List<List<String>> slips = new ArrayList<>();
        for (String word : words(unaccent(text.matchKey()))) {
            slips.add(List.copyOf(slips(word)));
        }
        return new SearchWords(List.copyOf(slips));
    }

    /**
     * These words with only the slips {@code dictionary} knows (ADR 0021), asked of it in one look-up: each word
     * keeps itself, known or not (a book stored by a writer that does not keep the dictionary is still found by its
     * exact words), and its known slips. The others are words no stored book has: GIN would find nothing for them,
     * at a cost for every row it reads.
     */
    SearchWords known(SearchDictionary.Lookup dictionary) {
        Set<String> asked = new LinkedHashSet<>();
        slips.forEach(asked::addAll);
        if (asked.isEmpty()) {
            return this;
        }
        Set<String> known = dictionary.known(asked);
        List<List<String>> kept = new ArrayList<>();
        for (List<String> wordAndSlips : slips) {
            List<String> wordKept = new ArrayList<>();
            wordKept.add(wordAndSlips.get(0));
            for (String slip : wordAndSlips.subList(1, wordAndSlips.size())) {
                if (known.contains(slip)) {
                    wordKept.add(slip);
                }
            }
            kept.add(List.copyOf(wordKept));
        }
        return new SearchWords(List.copyOf(kept));
    }

    /** The distinct runs of letters and digits, in order. */
    static Set<String> words(String text) {
        return new LinkedHashSet<>(sequence(text));
    }

    /**
     * A book's words as V5's {@code books_search_words} lists them, from its searchable text (keys without accents):
     * each run of letters and digits, then each two neighbours written together.
     */
    static Set<String> ofBook(String searchText) {
        List<String> sequence = sequence(searchText);
        Set<String> words = new LinkedHashSet<>(sequence);
        for (int i = 0; i + 1 < sequence.size(); i++) {
            words.add(sequence.get(i) + sequence.get(i + 1));
        }
        return words;
    }

    /** The runs of letters and digits, in order, repeats kept. */
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

    /** The word and every word one slip away from it (the word first). */
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

    /**
     * What PostgreSQL's {@code unaccent} makes of a match key, for the letters books are written in: Latin and Greek
     * letters lose their accents (decomposed, marks left out), "ё" becomes "е", and the Latin letters that are not
     * a letter and an accent are spelt out ("æ" → "ae", "ø" → "o"). Keys are case-folded already. The books' side
     * is {@code unaccent} itself (V5); the two agree on these letters ({@code WordSearchParityTest}).
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
