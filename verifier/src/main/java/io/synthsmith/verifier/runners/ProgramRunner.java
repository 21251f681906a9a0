package io.synthsmith.verifier.runners;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.verifier.sandbox.Executable;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.sandbox.SandboxSession;
import io.synthsmith.verifier.sandbox.SandboxUnavailable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Prepares programs once (wrapped in the LeetCode call harness of their language where the task has a signature;
 * C++17 compiled in the sandbox) and runs them on many inputs in one sandbox session, retrying a run that hit a
 * sandbox failure in a fresh session. A run or compilation that still fails in the sandbox after its retries throws
 * {@link SandboxUnavailable}: a sandbox failure never becomes a verdict on a program.
 */
public final class ProgramRunner {

    private static final String BINARY = "main";
    private static final String SOURCE = "main.cpp";

    private final Sandbox sandbox;
    private final String cxx;
    private final SandboxLimits compileLimits;
    private final BiConsumer<Language, RunOutcome> observer;

    /**
     * @param observer told of every run (for metrics), from the thread that ran it
     */
    public ProgramRunner(Sandbox sandbox, String cxx, SandboxLimits compileLimits,
            BiConsumer<Language, RunOutcome> observer) {
        this.sandbox = sandbox;
        this.cxx = cxx;
        this.compileLimits = compileLimits;
        this.observer = observer;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Prepares a stdin/stdout program (a generator, a validator, or a candidate of a stdin task). */
    public PreparedProgram prepare(Language language, String code) {
        return prepare(language, code, Optional.empty());
    }

    /** Prepares a candidate; with a signature it runs through the LeetCode call harness. */
    public PreparedProgram prepare(Language language, String code, Optional<Task.Signature> signature) {
        Language lang = language == null ? Language.PYTHON : language;
        if (code == null || code.isBlank()) {
            return new PreparedProgram.CompileError("no code", lang, RunStats.NONE);
        }
        if (signature.isPresent()) {
            Task.Signature call = signature.get();
            if (call.methodName() == null || !call.methodName().matches("[A-Za-z_][A-Za-z0-9_]*")
                    || (call.className() != null && !call.className().isBlank()
                            && !call.className().matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                return new PreparedProgram.Unsupported("the signature names no callable method", lang,
                        RunStats.NONE);
            }
            Optional<String> unsupported = CppHarness.linkedStructure(call)
                    .or(() -> lang == Language.CPP ? CppHarness.unsupported(call) : Optional.empty());
            if (unsupported.isPresent()) {
                return new PreparedProgram.Unsupported(unsupported.get(), lang, RunStats.NONE);
            }
            if (lang == Language.CPP) {
                return compile(CppHarness.wrapCpp(code, call));
            }
            return new PreparedProgram.Ready(new Executable.PythonSource(LeetCodeHarness.wrapPython(code, call)),
                    lang, RunStats.NONE, Optional.empty());
        }
        return switch (lang) {
            case PYTHON -> new PreparedProgram.Ready(new Executable.PythonSource(code), lang, RunStats.NONE,
                    Optional.empty());
            case CPP -> compile(code);
        };
    }

    private PreparedProgram compile(String code) {
        PreparedProgram last = null;
        for (int attempt = 0; attempt <= sandbox.options().failureRetries(); attempt++) {
            last = compileOnce(code);
            if (!(last instanceof PreparedProgram.PreparationFailed)) {
                return last;
            }
        }
        throw unavailable(((PreparedProgram.PreparationFailed) last).reason());
    }

    private SandboxUnavailable unavailable(String reason) {
        return new SandboxUnavailable("the sandbox failed " + (sandbox.options().failureRetries() + 1)
                + " times in a row: " + reason);
    }

    private PreparedProgram compileOnce(String code) {
        Path build = sandbox.hostDirectory("build-");
        try {
            Files.writeString(build.resolve(SOURCE), code, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteBuild(build);
            throw new UncheckedIOException("cannot write C++ source to " + build, e);
        }
        String inside = sandbox.isolated() ? "/sandbox/out" : build.toString();
        List<String> args = List.of("-std=c++17", "-O2", "-pipe", "-B" + Path.of(cxx).getParent() + "/", "-o", inside + "/" + BINARY, "-x", "c++",
                inside + "/" + SOURCE);
        RunOutcome outcome;
        try (SandboxSession session = sandbox.open(new Executable.RuntimeCommand(cxx), Optional.of(build))) {
            outcome = session.run("", args, compileLimits);
        }
        observer.accept(Language.CPP, outcome);
        RunStats stats = outcome.stats();
        return switch (outcome) {
            case RunOutcome.Completed done when Files.isRegularFile(build.resolve(BINARY)) ->
                    new PreparedProgram.Ready(new Executable.HostBinary(build.resolve(BINARY)), Language.CPP, stats,
                            Optional.of(build));
            case RunOutcome.SandboxFailure failure -> {
                deleteBuild(build);
                yield new PreparedProgram.PreparationFailed(failure.reason(), Language.CPP, stats);
            }
            case RunOutcome.RuntimeError error -> {
                deleteBuild(build);
                yield new PreparedProgram.CompileError("compilation failed: " + error.detail(), Language.CPP, stats);
            }
            default -> {
                deleteBuild(build);
                yield new PreparedProgram.CompileError("compilation failed: " + outcome.getClass().getSimpleName(),
                        Language.CPP, stats);
            }
        };
    }

    /**
     * Runs a prepared program on each input in order, in one session; a run that hits a sandbox failure is retried
     * in a fresh session up to the configured times, and the session is replaced after it.
     *
     * @throws SandboxUnavailable when a run still fails in the sandbox after its retries
     */
    public List<RunOutcome> runAll(PreparedProgram program, List<RunInput> inputs, SandboxLimits limits) {
        List<RunOutcome> outcomes = new ArrayList<>(inputs.size());
        switch (program) {
            case PreparedProgram.Ready ready -> {
                SandboxSession session = null;
                try {
                    for (RunInput input : inputs) {
                        RunOutcome outcome = null;
                        for (int attempt = 0; attempt <= sandbox.options().failureRetries(); attempt++) {
                            if (session == null || session.broken()) {
                                if (session != null) {
                                    session.close();
                                }
                                session = sandbox.open(ready.executable(), Optional.empty());
                            }
                            outcome = session.run(input.stdin(), input.args(), limits);
                            if (!(outcome instanceof RunOutcome.SandboxFailure)) {
                                break;
                            }
                        }
                        observer.accept(ready.language(), outcome);
                        if (outcome instanceof RunOutcome.SandboxFailure failure) {
                            throw unavailable(failure.reason());
                        }
                        outcomes.add(outcome);
                    }
                } finally {
                    if (session != null) {
                        session.close();
                    }
                }
            }
            case PreparedProgram.CompileError error -> inputs.forEach(
                    input -> outcomes.add(new RunOutcome.RuntimeError(error.detail(), RunStats.NONE)));
            case PreparedProgram.PreparationFailed failed -> throw unavailable(failed.reason());
            case PreparedProgram.Unsupported unsupported -> throw new IllegalArgumentException(
                    "cannot run an unsupported program: " + unsupported.reason());
        }
        return outcomes;
    }

    static void deleteBuild(Path build) {
        SandboxSession.deleteTree(build);
    }
}
