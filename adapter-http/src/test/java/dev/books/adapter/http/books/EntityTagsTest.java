package dev.books.adapter.http.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.books.adapter.http.problem.ProblemType;
import dev.books.adapter.http.problem.RejectedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTagsTest {

    @Test
    void a_books_tag_is_its_version_in_quotes() {
        assertThat(EntityTags.of(12)).isEqualTo("\"12\"");
    }

    @Test
    void if_none_match_compares_weakly() {
        assertThat(EntityTags.noneMatchNames("\"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchNames("W/\"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchNames(" \"1\" ,W/\"3\"", 3)).isTrue();
        assertThat(EntityTags.noneMatchNames("*", 3)).isTrue();
        assertThat(EntityTags.noneMatchNames("\"4\", \"03\"", 3)).isFalse();
    }

    @Test
    void if_match_compares_strongly_and_keeps_only_tags_we_could_have_issued() {
        assertThat(EntityTags.ifMatch("*").any()).isTrue();
        assertThat(EntityTags.ifMatch("\"3\"").versions()).containsExactly(3);
        assertThat(EntityTags.ifMatch("W/\"3\"").versions()).isEmpty();
        assertThat(EntityTags.ifMatch("\"03\", \"x\", \"0\", \"-1\", \"\"").versions()).isEmpty();
        assertThat(EntityTags.ifMatch("\"3\", \"3\", \"5\"").versions()).containsExactly(3, 5);
        assertThat(EntityTags.ifMatch("\"99999999999999999999\"").versions()).isEmpty();
        assertThat(EntityTags.ifMatch("\"2\",\"5\"").names(5)).isTrue();
        assertThat(EntityTags.ifMatch("\"2\",\"5\"").names(4)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "3", "\"3", "3\"", "W/3", "w/\"3\"", "\"3\"\"4\"", "\"a b\"", "**", "\"3\";x", ","})
    void anything_but_star_or_a_list_of_tags_is_malformed(String header) {
        assertThatThrownBy(() -> EntityTags.ifMatch(header))
                .isInstanceOfSatisfying(RejectedRequest.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.BAD_REQUEST));
    }
}
