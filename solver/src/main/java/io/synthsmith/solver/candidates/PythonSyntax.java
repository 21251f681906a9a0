package io.synthsmith.solver.candidates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Checks that Python code compiles, with the host's Python ({@code compile(source, "<candidate>", "exec")}, which
 * reads the code and runs none of it). Nothing here executes a candidate: running is the verifier's sandbox's job.
 * Without an interpreter (the executable cannot be started) the check is skipped, said once at WARN; a check that
 * takes longer than its timeout passes.
 */
public final class PythonSyntax {

    private static final Logger LOG = Logger.getLogger(PythonSyntax.class);
    private static final String SCRIPT = """
            import sys
            source = sys.stdin.buffer.read().decode("utf-8", "replace")
            try:
                compile(source, "<candidate>", "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as e:
                line = getattr(e, "lineno", None)
                sys.stdout.write(("line %d: " % line if line else "") + type(e).__name__ + ": " + str(getattr(e, "msg", e)))
                sys.exit(1)
            """;
    private static final long TIMEOUT_SECONDS = 20;

    private final String executable;
    private final AtomicBoolean available = new AtomicBoolean(true);

    private PythonSyntax(String executable) {
        this.executable = executable;
    }

    /**
     * A check with {@code executable} ({@code synthsmith.solver.python-syntax-check}); blank or {@code none}
     * disables it.
     */
    public static PythonSyntax using(String executable) {
        return new PythonSyntax(executable == null || executable.isBlank() || executable.strip().equals("none")
                ? null : executable.strip());
    }

    /** No check: every code compiles. */
    public static PythonSyntax disabled() {
        return new PythonSyntax(null);
    }

    /** Why {@code code} does not compile ({@code line 3: SyntaxError: ...}), or empty when it does or is unchecked. */
    public Optional<String> error(String code) {
        if (executable == null || !available.get()) {
            return Optional.empty();
        }
        Process process;
        try {
            process = new ProcessBuilder(executable, "-I", "-S", "-c", SCRIPT).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (available.getAndSet(false)) {
                LOG.warnf("the Python syntax check is off: cannot start '%s' (%s); set "
                        + "synthsmith.solver.python-syntax-check to a Python 3 executable, or none", executable,
                        e.getMessage());
            }
            return Optional.empty();
        }
        try (OutputStream in = process.getOutputStream(); InputStream out = process.getInputStream()) {
            in.write(code.getBytes(StandardCharsets.UTF_8));
            in.close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String printed = new String(out.readNBytes(4096), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(printed.isEmpty() ? "python exited with " + process.exitValue() : printed);
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
