package io.synthsmith.verifier.runners;

import io.synthsmith.messages.Language;
import io.synthsmith.verifier.sandbox.Executable;
import io.synthsmith.verifier.sandbox.RunStats;
import java.nio.file.Path;
import java.util.Optional;

/** A program made ready to run: loaded or compiled once, or why it cannot run at all. */
public sealed interface PreparedProgram extends AutoCloseable {

    Language language();

    /** What preparing cost (the C++ compilation; nothing for Python). */
    RunStats preparation();

    @Override
    default void close() {
    }

    /** Ready: every run uses this executable. */
    record Ready(Executable executable, Language language, RunStats preparation, Optional<Path> buildDir)
            implements PreparedProgram {

        @Override
        public void close() {
            buildDir.ifPresent(ProgramRunner::deleteBuild);
        }
    }

    /** The program does not compile: every run of it is a runtime error with this detail. */
    record CompileError(String detail, Language language, RunStats preparation) implements PreparedProgram {
    }

    /**
     * The verifier cannot run it (for example a LeetCode task without a signature): it is left out of the vote,
     * neither right nor wrong.
     */
    record Unsupported(String reason, Language language, RunStats preparation) implements PreparedProgram {
    }

    /** Compiling failed for a reason of the sandbox, not of the program; it may be retried. */
    record PreparationFailed(String reason, Language language, RunStats preparation) implements PreparedProgram {
    }
}
