package io.synthsmith.messaging.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A W3C {@code traceparent} header value: version 00, trace id, parent span id, flags. */
record TraceParent(String traceId, String spanId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    /** Parses a header value; fails on anything that is not a valid version-00 traceparent. */
    static TraceParent parse(String header) {
        if (header == null) {
            throw new AssertionError("the record has no traceparent header");
        }
        Matcher matcher = FORMAT.matcher(header);
        if (!matcher.matches() || matcher.group(1).matches("0+") || matcher.group(2).matches("0+")) {
            throw new AssertionError("not a valid traceparent: " + header);
        }
        return new TraceParent(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /** A sampled context with random ids, as an upstream producer would send it. */
    static TraceParent random() {
        return new TraceParent(hex(16), hex(8), "01");
    }

    String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
