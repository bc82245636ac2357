package dev.books.adapter.http.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Where a request comes from, as the rate limits count it: the TCP peer, unless the peer is a trusted proxy
 * ({@code BOOKS_TRUSTED_PROXIES}); then the nearest address in {@code X-Forwarded-For} that is not a trusted proxy,
 * read from the right (the entries to its left were written by the client and prove nothing). Only address literals
 * count: a name is never looked up, and an entry that is not an address ends the walk at the proxy that passed it.
 */
final class ClientAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final InetAddressSet trusted = new InetAddressSet();

    /** @param trustedProxies addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}) */
    ClientAddresses(List<String> trustedProxies) {
        trustedProxies.forEach(trusted::add);
    }

    /** Whether {@code pattern} is an address or CIDR block this class can trust. */
    static boolean isAddressPattern(String pattern) {
        int slash = pattern.indexOf('/');
        String address = slash < 0 ? pattern : pattern.substring(0, slash);
        if (slash >= 0 && !pattern.substring(slash + 1).matches("\\d{1,3}")) {
            return false;
        }
        return literal(address) != null;
    }

    String of(Request request) {
        return of(Request.getRemoteAddr(request), request.getHeaders().getValuesList("X-Forwarded-For"));
    }

    /** The client of a request from {@code peer} with these {@code X-Forwarded-For} lines. */
    String of(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = hops(forwardedFor);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!trusted.test(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted.test(parsed);
    }

    private static List<String> hops(List<String> forwardedFor) {
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",")) {
                hops.add(hop.strip());
            }
        }
        return hops;
    }

    /** The address this literal names, or null when it is not an IPv4 or IPv6 literal (never a DNS lookup). */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
