package io.synthsmith.messaging.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether a service may listen where it is configured to: on loopback always; on any other address only with a
 * bearer token for the endpoints that change state or run code, or with open access explicitly allowed.
 */
public final class OpenBinding {

    private OpenBinding() {
    }

    /**
     * Why a service bound to {@code host} with this token must not start, or empty when it may.
     *
     * @param host      the HTTP listen address ({@code quarkus.http.host}): an address or a host name
     * @param token     {@code synthsmith.api.token}, when set
     * @param allowOpen {@code synthsmith.api.allow-open}
     */
    public static Optional<String> refusal(String host, Optional<String> token, boolean allowOpen) {
        if (isLoopback(host) || token.filter(t -> !t.isBlank()).isPresent() || allowOpen) {
            return Optional.empty();
        }
        return Optional.of("this service listens on " + host + " (quarkus.http.host), an address beyond loopback,"
                + " and its endpoints that change state or run code have no token: set SYNTHSMITH_API_TOKEN"
                + " (synthsmith.api.token) to require 'Authorization: Bearer <token>', or set"
                + " SYNTHSMITH_API_ALLOW_OPEN=true (synthsmith.api.allow-open) to accept them open to every caller"
                + " that can reach it, or listen on loopback only (QUARKUS_HTTP_HOST=127.0.0.1, the default)");
    }

    /** True when every address {@code host} stands for is a loopback address; 0.0.0.0 and :: are not. */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
