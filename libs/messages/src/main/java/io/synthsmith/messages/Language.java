package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;

/** A language the pipeline writes and runs solutions in. */
public enum Language {
    PYTHON("python"),
    CPP("cpp");

    private final String wire;

    Language(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
