package io.synthsmith.messages.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids: the same inputs give the same id on every replica and every redelivery, so each stage
 * can be idempotent on the ids it produces. An id is {@code <kind>-<32 hex digits>}: 128 bits of SHA-256
 * over the parts.
 */
public final class Ids {

    private Ids() {
    }

    /** The id of a thing of the given kind made from the given parts, for example {@code derive("task", requestId)}. */
    public static String derive(String kind, String... parts) {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("id kind must be lower-case letters, digits and '-', got: " + kind);
        }
        MessageDigest sha = sha256();
        sha.update(kind.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            sha.update((byte) 0);
            sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        }
        return kind + "-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
