package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three statement styles of the method, with the published default weights. */
public enum Style {
    CODEFORCES("codeforces", 0.70),
    LEETCODE("leetcode", 0.15),
    ATCODER("atcoder", 0.15);

    private final String wire;
    private final double defaultWeight;

    Style(String wire, double defaultWeight) {
        this.wire = wire;
        this.defaultWeight = defaultWeight;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public double defaultWeight() {
        return defaultWeight;
    }
}
