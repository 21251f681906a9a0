package io.synthsmith.verifier.runners;

import java.util.List;

/** One run's standard input and command-line arguments. */
public record RunInput(String stdin, List<String> args) {

    public RunInput {
        args = List.copyOf(args);
    }

    public static RunInput of(String stdin) {
        return new RunInput(stdin, List.of());
    }
}
