package dev.books.adapter.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "::1"));

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_it_forwards() {
        ClientAddresses direct = new ClientAddresses(List.of());

        assertThat(direct.of("10.1.2.3", List.of("203.0.113.7"))).isEqualTo("10.1.2.3");
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_is_the_client_even_if_it_forwards() {
        assertThat(behindProxies.of("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "203.0.113.7                       | 203.0.113.7",
        "203.0.113.7, 10.0.0.2             | 203.0.113.7",
        "6.6.6.6, 203.0.113.7, 10.0.0.2    | 203.0.113.7",
        "6.6.6.6, 203.0.113.7              | 203.0.113.7",
        "[2001:db8::7]                     | 2001:db8:0:0:0:0:0:7",
        "not-an-address, 10.0.0.2          | 10.0.0.2",
        "203.0.113.7, cafe                 | 10.9.9.9",
        "10.0.0.3, 10.0.0.2                | 10.0.0.3"})
    void behind_a_trusted_proxy_the_client_is_the_nearest_untrusted_forwarded_address(String forwarded, String client) {
        assertThat(behindProxies.of("10.9.9.9", List.of(forwarded))).isEqualTo(client);
    }

    @Test
    void forwarded_addresses_over_several_header_lines_are_read_as_one_list() {
        assertThat(behindProxies.of("::1", List.of("6.6.6.6", "203.0.113.7, 10.0.0.2"))).isEqualTo("203.0.113.7");
    }

    @Test
    void without_forwarded_addresses_the_trusted_peer_is_the_client() {
        assertThat(behindProxies.of("10.9.9.9", List.of())).isEqualTo("10.9.9.9");
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, true", "127.0.0.1, true", "::1, true", "2001:db8::/32, true", "10.0.0.0/x, false",
        "proxy.internal, false", "cafe, false", "'', false"})
    void patterns_are_addresses_or_cidr_blocks_never_names(String pattern, boolean valid) {
        assertThat(ClientAddresses.isAddressPattern(pattern)).isEqualTo(valid);
    }
}
