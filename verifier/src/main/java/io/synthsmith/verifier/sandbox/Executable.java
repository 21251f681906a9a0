package io.synthsmith.verifier.sandbox;

import java.nio.file.Path;

/** What a sandbox session runs: Python source loaded once, a binary built on the host, or a runtime command. */
public sealed interface Executable {

    /** Python source, compiled once by the session and run in a forked child per input. */
    record PythonSource(String code) implements Executable {
    }

    /** A binary on the host (for example a compiled candidate), mounted read-only into the sandbox. */
    record HostBinary(Path file) implements Executable {
    }

    /** A program of the read-only runtime, by its path there (for example the C++ compiler). */
    record RuntimeCommand(String path) implements Executable {
    }
}
