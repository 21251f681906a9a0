package io.synthsmith.e2e.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.Task;
import io.synthsmith.verifier.runners.LeetCodeHarness;
import io.synthsmith.verifier.voting.OutputComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an exported golden solution again, outside the pipeline, against the tests its RL record carries
 * ({@code reward_model.ground_truth}), as a consumer of the dataset would: the Python code of the golden SFT
 * record's answer, in a bubblewrap sandbox of its own (no network, private /tmp, read-only system), its output
 * compared as the verifier compares (trailing whitespace ignored; with a tolerance for LeetCode methods returning
 * floats). Python only: the answer's C++ would need a compiler step this check does not make.
 */
public final class GoldenRerun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("```([A-Za-z0-9+]*)\\n(.*?)```", Pattern.DOTALL);

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

    /** Runs {@code code} (Python) on every test of {@code groundTruth}; returns the tests it fails. */
    public static List<Failure> run(String code, String groundTruth, Path workDir) {
        try {
            JsonNode truth = JSON.readTree(groundTruth);
            String program = code;
            OutputComparison comparison = OutputComparison.exact();
            if (truth.hasNonNull("signature")) {
                Task.Signature signature = JSON.treeToValue(truth.get("signature"), Task.Signature.class);
                program = LeetCodeHarness.wrapPython(code, signature);
                if (LeetCodeHarness.returnsFloat(signature)) {
                    comparison = new OutputComparison(Optional.of(1e-6));
                }
            }
            Files.createDirectories(workDir);
            Files.writeString(workDir.resolve("main.py"), program);
            List<Failure> failures = new ArrayList<>();
            JsonNode inputs = truth.path("inputs");
            JsonNode outputs = truth.path("outputs");
            if (inputs.size() == 0 || inputs.size() != outputs.size()) {
                throw new IllegalArgumentException("the ground truth has " + inputs.size() + " inputs and "
                        + outputs.size() + " outputs");
            }
            for (int i = 0; i < inputs.size(); i++) {
                String actual = OutputComparison.normalize(sandboxed(workDir, inputs.get(i).asText()));
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

    private static String sandboxed(Path workDir, String input) throws IOException {
        List<String> command = List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/tmp", "--ro-bind", workDir.toString(), "/work", "--chdir", "/work",
                "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
                "/usr/bin/python3", "-I", "/work/main.py");
        // Files, not pipes, for the streams: a big output must not block the program while nothing reads it.
        Path in = workDir.resolve("stdin");
        Path out = workDir.resolve("stdout");
        Path err = workDir.resolve("stderr");
        Files.writeString(in, input);
        Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "(timed out)";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return "(interrupted)";
        }
        String printed = Files.readString(out);
        if (process.exitValue() != 0) {
            return printed + "(exit " + process.exitValue() + ": " + Files.readString(err).strip() + ")";
        }
        return printed;
    }
}
