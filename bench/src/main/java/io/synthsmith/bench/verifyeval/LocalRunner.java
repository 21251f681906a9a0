package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the corpus's programs on the bench's own host, outside the verifier: {@code /usr/bin/python3} (through the
 * bench's own LeetCode call harness for a signature) and {@code g++ -O2} for C++, each run in its own temp
 * directory with a wall-time limit. This is how the bench knows the truth without asking the code under test.
 */
public final class LocalRunner implements AutoCloseable {

    /** What a run gave: its normalised output, or why there is none ({@code time_limit}, {@code runtime_error}). */
    public record Result(String output, String failure) {

        public boolean ok() {
            return failure == null;
        }

        @Override
        public String toString() {
            return ok() ? output : "<" + failure + ">";
        }
    }

    private static final ObjectMapper CACHE_JSON = new ObjectMapper();

    private final Path work;
    private final String python;
    private final long timeoutMillis;
    private final Path harness;
    private final Map<String, Path> prepared = new ConcurrentHashMap<>();

    public LocalRunner(String python, long timeoutMillis) {
        this.python = python;
        this.timeoutMillis = timeoutMillis;
        try {
            this.work = Files.createTempDirectory("verify-eval-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.harness = EvalCorpus.root().resolve("leetcode_call.py");
    }

    /** The local runs kept in {@code file} by an earlier run ({@code --local-cache}); empty when none. */
    public static Map<String, Result> loadCache(Path file) {
        Map<String, Result> store = new ConcurrentHashMap<>();
        if (file != null && Files.exists(file)) {
            try {
                store.putAll(CACHE_JSON.readValue(file.toFile(), new TypeReference<Map<String, Result>>() {
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local-run cache " + file, e);
            }
        }
        return store;
    }

    /** Writes the local runs to {@code file} (nothing when it is null). */
    public static void saveCache(Path file, Map<String, Result> store) {
        if (file == null) {
            return;
        }
        try {
            CACHE_JSON.writeValue(file.toFile(), store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local-run cache " + file, e);
        }
    }

    /** Runs a solution of the problem (reference, brute force or candidate) on one input. */
    public Result solve(EvalProblem problem, EvalProblem.Program program, String input) {
        Path file = prepare(program);
        if (file == null) {
            return new Result(null, "compile_error");
        }
        List<String> command = new ArrayList<>();
        if ("cpp".equals(program.language())) {
            command.add(file.toString());
        } else if (problem.leetcode()) {
            command.addAll(List.of(python, harness.toString(), file.toString(), problem.methodName()));
        } else {
            command.addAll(List.of(python, file.toString()));
        }
        return run(command, input, timeoutMillis);
    }

    /** Runs the problem's generator with {@code argv = [seed, sizeClass]}. */
    public Result generate(EvalProblem problem, int seed, String sizeClass) {
        Path file = prepare(problem.generator());
        return run(List.of(python, file.toString(), Integer.toString(seed), sizeClass), "",
                Math.max(timeoutMillis, 60_000));
    }

    /** Output comparison as a judge does it: CRLF as LF, trailing whitespace of lines and of the whole ignored. */
    public static String normalise(String output) {
        String[] lines = output.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private Path prepare(EvalProblem.Program program) {
        String key = program.language() + ":" + sha256(program.code());
        Path done = prepared.computeIfAbsent(key, k -> {
            try {
                Path dir = Files.createTempDirectory(work, "prog-");
                if ("cpp".equals(program.language())) {
                    Path source = Files.writeString(dir.resolve("main.cpp"), program.code());
                    Path binary = dir.resolve("main");
                    Process p = new ProcessBuilder("g++", "-std=c++17", "-O2", "-o", binary.toString(),
                            source.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("cc.log").toFile())
                            .start();
                    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        p.destroyForcibly();
                        return dir.resolve("compile-failed");
                    }
                    return binary;
                }
                return Files.writeString(dir.resolve("prog.py"), program.code());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return done.getFileName().toString().equals("compile-failed") ? null : done;
    }

    private Result run(List<String> command, String input, long limitMillis) {
        try {
            Path dir = Files.createTempDirectory(work, "run-");
            try {
                Path in = Files.writeString(dir.resolve("in"), input);
                Path out = dir.resolve("out");
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(in.toFile())
                        .redirectOutput(out.toFile()).redirectError(dir.resolve("err").toFile()).start();
                if (!p.waitFor(limitMillis, TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor();
                    return new Result(null, "time_limit");
                }
                if (p.exitValue() != 0) {
                    return new Result(null, "runtime_error");
                }
                return new Result(normalise(Files.readString(out, StandardCharsets.UTF_8)), null);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        deleteTree(work);
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
