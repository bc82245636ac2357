package dev.books.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The values that cross the {@link RequestLog} port check their bounds and keep their own copies. */
class RequestLogRecordsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final IdempotencyKey KEY = new IdempotencyKey("POST /books", "k-1");

    @Test
    void a_stored_response_holds_up_to_64_kib_and_its_own_copy() {
        byte[] original = {1, 2, 3};
        StoredResponse response = new StoredResponse(original);
        original[0] = 9;
        response.bytes()[1] = 9;

        assertThat(response.bytes()).containsExactly(1, 2, 3);
        assertThat(new StoredResponse(new byte[StoredResponse.MAX_BYTES]).bytes()).hasSize(65_536);
        assertThat(new StoredResponse(new byte[0]).bytes()).isEmpty();
        assertThatThrownBy(() -> new StoredResponse(new byte[StoredResponse.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65537");
    }

    @Test
    void stored_responses_are_equal_by_content_and_print_only_their_size() {
        assertThat(new StoredResponse(new byte[] {1, 2})).isEqualTo(new StoredResponse(new byte[] {1, 2}))
                .hasSameHashCodeAs(new StoredResponse(new byte[] {1, 2}))
                .isNotEqualTo(new StoredResponse(new byte[] {2, 1}))
                .hasToString("StoredResponse[2 bytes]");
    }

    @Test
    void a_logged_request_is_completed_when_it_has_a_response() {
        StoredResponse response = new StoredResponse(new byte[] {42});

        assertThat(LoggedRequest.inFlight("fp").isCompleted()).isFalse();
        assertThat(LoggedRequest.completed("fp", response).isCompleted()).isTrue();
        assertThat(LoggedRequest.completed("fp", response).response()).contains(response);
        assertThat(new LoggedRequest("fp", Optional.empty())).isEqualTo(LoggedRequest.inFlight("fp"));
    }

    @Test
    void a_claim_takes_a_fingerprint_of_1_to_256_printable_ascii_characters() {
        assertThat(claim("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:").fingerprint()).startsWith("sha-256");
        assertThat(claim("f".repeat(256)).fingerprint()).hasSize(256);

        assertThatThrownBy(() -> claim("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claim("f".repeat(257))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claim("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_claims_lease_and_expiry_come_after_it() {
        UUID owner = UUID.randomUUID();
        Instant later = NOW.plusSeconds(1);

        assertThatThrownBy(() -> new RequestClaim(KEY, "fp", owner, NOW, NOW, later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestClaim(KEY, "fp", owner, NOW, later, NOW.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RequestClaim(KEY, "fp", owner, NOW, later, later).expiresAt()).isEqualTo(later);
    }

    private static RequestClaim claim(String fingerprint) {
        return new RequestClaim(KEY, fingerprint, UUID.randomUUID(), NOW, NOW.plus(Duration.ofMinutes(1)),
                NOW.plus(Duration.ofHours(24)));
    }
}
