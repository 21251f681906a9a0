package io.synthsmith.e2e.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.Task;
import io.synthsmith.verifier.runners.CppHarness;
import io.synthsmith.verifier.runners.LeetCodeHarness;
import io.synthsmith.verifier.voting.OutputComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an exported golden solution again, outside the pipeline, against the tests its RL record carries
 * ({@code reward_model.ground_truth}), as a consumer of the dataset would: the code of the golden SFT record's
 * answer, in a bubblewrap sandbox of its own (no network, private /tmp, read-only system, empty environment), its
 * output compared as the verifier compares (trailing whitespace ignored; with a tolerance for LeetCode methods
 * returning floats). Python runs with Debian's {@code /usr/bin/python3}; C++ is compiled with {@code g++ -std=c++17}
 * in the same kind of sandbox first. LeetCode-style tasks are wrapped in the verifier's own call harnesses.
 */
public final class GoldenRerun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```([A-Za-z0-9+]*)\\n(.*?)```", Pattern.DOTALL);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(120);

    private GoldenRerun() {
    }

    /** One test's result: its index, and what was expected and printed when they differ. */
    public record Failure(int test, String expected, String actual) {
    }

    /** The last fenced code block of an answer, with its language tag. */
    public static Optional<String[]> lastCodeBlock(String answer) {
        Matcher matcher = FENCE.matcher(answer);
        String[] last = null;
        while (matcher.find()) {
            last = new String[] {matcher.group(1), matcher.group(2)};
        }
        return Optional.ofNullable(last);
    }

    /** Whether {@code language} (a record's language, or a code fence's tag) is one this check can run. */
    public static boolean runs(String language) {
        return isPython(language) || isCpp(language);
    }

    /** Runs Python {@code code} on every test of {@code groundTruth}; returns the tests it fails. */
    public static List<Failure> run(String code, String groundTruth, Path workDir) {
        return run("python", code, groundTruth, workDir);
    }

    /**
     * Runs {@code code} in {@code language} ({@code python} or {@code cpp}) on every test of {@code groundTruth};
     * returns the tests it fails. A C++ program that does not compile fails every test, with the compiler's words.
     */
    public static List<Failure> run(String language, String code, String groundTruth, Path workDir) {
        if (!runs(language)) {
            throw new IllegalArgumentException("cannot run " + language + " code; python and cpp can be run");
        }
        try {
            JsonNode truth = JSON.readTree(groundTruth);
            // LeetCode-style rows hold verl's call-based form in inputs/outputs and the tests as written in example_*.
            JsonNode inputs = truth.has("example_inputs") ? truth.path("example_inputs") : truth.path("inputs");
            JsonNode outputs = truth.has("example_outputs") ? truth.path("example_outputs") : truth.path("outputs");
            if (inputs.size() == 0 || inputs.size() != outputs.size()) {
                throw new IllegalArgumentException("the ground truth has " + inputs.size() + " inputs and "
                        + outputs.size() + " outputs");
            }
            Task.Signature signature = truth.hasNonNull("signature")
                    ? JSON.treeToValue(truth.get("signature"), Task.Signature.class) : null;
            OutputComparison comparison = signature != null && LeetCodeHarness.returnsFloat(signature)
                    ? new OutputComparison(Optional.of(1e-6)) : OutputComparison.exact();
            Files.createDirectories(workDir);
            List<String> program;
            if (isPython(language)) {
                Files.writeString(workDir.resolve("main.py"),
                        signature == null ? code : LeetCodeHarness.wrapPython(code, signature));
                program = List.of("/usr/bin/python3", "-I", "/work/main.py");
            } else {
                Files.writeString(workDir.resolve("main.cpp"),
                        signature == null ? code : CppHarness.wrapCpp(code, signature));
                Optional<String> compileError = compile(workDir);
                if (compileError.isPresent()) {
                    List<Failure> all = new ArrayList<>();
                    for (int i = 0; i < inputs.size(); i++) {
                        all.add(new Failure(i, OutputComparison.normalize(outputs.get(i).asText()),
                                "(does not compile: " + compileError.get() + ")"));
                    }
                    return all;
                }
                program = List.of("/work/main");
            }
            List<Failure> failures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String actual = OutputComparison.normalize(sandboxed(workDir, program, inputs.get(i).asText()));
                String expected = OutputComparison.normalize(outputs.get(i).asText());
                if (!comparison.same(expected, actual)) {
                    failures.add(new Failure(i, expected, actual));
                }
            }
            return failures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPython(String language) {
        return List.of("python", "python3", "py").contains(language.toLowerCase(Locale.ROOT));
    }

    private static boolean isCpp(String language) {
        return List.of("cpp", "c++", "cxx", "cc").contains(language.toLowerCase(Locale.ROOT));
    }

    /** Compiles /work/main.cpp to /work/main in a sandbox whose only writable place is the work directory. */
    private static Optional<String> compile(Path workDir) throws IOException {
        List<String> command = List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/tmp", "--bind", workDir.toString(), "/work", "--chdir", "/work",
                "--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
                "/usr/bin/g++", "-std=c++17", "-O2", "-pipe", "-o", "/work/main", "/work/main.cpp");
        Path log = workDir.resolve("compile.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!finished(process, COMPILE_LIMIT)) {
            return Optional.of("the compiler took longer than " + COMPILE_LIMIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            String words = Files.readString(log).strip();
            return Optional.of(words.length() > 400 ? words.substring(0, 400) + "..." : words);
        }
        return Optional.empty();
    }

    private static String sandboxed(Path workDir, List<String> program, String input) throws IOException {
        List<String> command = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--tmpfs", "/tmp", "--ro-bind", workDir.toString(), "/work", "--chdir", "/work",
                "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"));
        command.addAll(program);
        // Files, not pipes, for the streams: a big output must not block the program while nothing reads it.
        Path in = workDir.resolve("stdin");
        Path out = workDir.resolve("stdout");
        Path err = workDir.resolve("stderr");
        Files.writeString(in, input);
        Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!finished(process, RUN_LIMIT)) {
            return "(timed out)";
        }
        String printed = Files.readString(out);
        if (process.exitValue() != 0) {
            return printed + "(exit " + process.exitValue() + ": " + Files.readString(err).strip() + ")";
        }
        return printed;
    }

    private static boolean finished(Process process, Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }
}
