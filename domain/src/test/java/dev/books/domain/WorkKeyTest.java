package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class WorkKeyTest {

    private static WorkKey work(String title, String author) {
        return WorkKey.of(new Title(title), new Author(author));
    }

    @Test
    void the_same_title_and_author_in_other_case_and_spacing_are_the_same_work() {
        WorkKey original = work("The Name of the Rose", "Umberto Eco");
        WorkKey shouted = work("  THE NAME OF\tTHE ROSE ", "UMBERTO\u00A0ECO");

        assertThat(shouted).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void case_folding_reaches_beyond_ascii() {
        assertThat(work("Straße der Ölsucher", "Jürgen Groß"))
                .isEqualTo(work("STRASSE DER ÖLSUCHER", "JÜRGEN GROSS"));
    }

    @Test
    void composed_and_decomposed_accents_are_the_same_work() {
        assertThat(work("Caf\u00E9", "Ren\u00E9e")).isEqualTo(work("Cafe\u0301", "Rene\u0301e"));
    }

    @Test
    void full_width_and_ascii_letters_are_the_same_work() {
        String fullWidthDune = "\uFF24\uFF55\uFF4E\uFF45";
        String fullWidthHerbert = "\uFF26\uFF52\uFF41\uFF4E\uFF4B\u3000\uFF28\uFF45\uFF52\uFF42\uFF45\uFF52\uFF54";

        assertThat(work(fullWidthDune, fullWidthHerbert)).isEqualTo(work("Dune", "Frank Herbert"));
    }

    @Test
    void invisible_joiners_and_selectors_do_not_make_another_work() {
        assertThat(work("Du\u200Dne\uFE0F", "Frank\u3164 Herbert")).isEqualTo(work("Dune", "Frank Herbert"));
    }

    @Test
    void the_same_title_by_another_author_is_another_work() {
        assertThat(work("Collected Poems", "Philip Larkin")).isNotEqualTo(work("Collected Poems", "Sylvia Plath"));
    }

    @Test
    void another_title_by_the_same_author_is_another_work() {
        assertThat(work("Emma", "Jane Austen")).isNotEqualTo(work("Persuasion", "Jane Austen"));
    }

    @Test
    void title_and_author_do_not_trade_places() {
        assertThat(work("Austen", "Emma")).isNotEqualTo(work("Emma", "Austen"));
    }

    @Test
    void punctuation_still_counts() {
        assertThat(work("Catch-22", "Joseph Heller")).isNotEqualTo(work("Catch 22", "Joseph Heller"));
    }

    @Test
    void holds_the_two_match_keys() {
        WorkKey key = work("The Hobbit", "J.R.R. Tolkien");

        assertThat(key.title()).isEqualTo("the hobbit");
        assertThat(key.author()).isEqualTo("j.r.r. tolkien");
    }

    @Test
    void has_no_missing_half() {
        assertThatNullPointerException().isThrownBy(() -> new WorkKey(null, "someone"));
        assertThatNullPointerException().isThrownBy(() -> new WorkKey("something", null));
    }
}
