package io.synthsmith.e2e.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks dataset files as their consumer would: for every task of a run's RL files, the golden solution of its SFT
 * files is run again in a sandbox against the tests the RL row carries ({@link GoldenRerun}). Reads what the
 * exporter wrote under {@code <datasets>/<run>/}: Parquet shards, or JSONL ones when a run has no Parquet.
 * {@code bin/synthsmith check} and the end of {@code bin/synthsmith run}.
 */
public final class DatasetCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of one task: it passed every test, failed some, or could not be checked (and why). */
    public sealed interface Outcome {

        String taskId();

        /** Every test passed. */
        record Passed(String taskId, String language, int tests) implements Outcome {
        }

        /** Some tests failed; {@code first} is the first of them. */
        record Failed(String taskId, String language, int tests, int failed, GoldenRerun.Failure first)
                implements Outcome {
        }

        /** Not run: no golden SFT row, no code block, or a language this check cannot run. */
        record Skipped(String taskId, String reason) implements Outcome {
        }
    }

    /** One run's outcomes, by task. */
    public record RunCheck(String runId, List<Outcome> outcomes) {

        public long count(Class<? extends Outcome> kind) {
            return outcomes.stream().filter(kind::isInstance).count();
        }
    }

    private final Path datasets;
    private final Path workDir;

    /** Checks the runs under {@code datasets}, running programs under {@code workDir}. */
    public DatasetCheck(Path datasets, Path workDir) {
        this.datasets = datasets;
        this.workDir = workDir;
    }

    /** The runs with dataset files, sorted. */
    public List<String> runs() {
        if (!Files.isDirectory(datasets)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(datasets)) {
            return list.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.startsWith("_") && !name.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + datasets, e);
        }
    }

    /** Checks every task of one run's RL files. */
    public RunCheck check(String runId) {
        Path run = datasets.resolve(runId);
        Map<String, String> groundTruth = new TreeMap<>();
        Map<String, String[]> golden = new LinkedHashMap<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            Optional<String> rl = source(duckdb, run.resolve("rl"));
            if (rl.isPresent()) {
                try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(
                        "SELECT extra_info.task_id AS task_id, reward_model.ground_truth AS ground_truth FROM "
                                + rl.get())) {
                    while (rows.next()) {
                        groundTruth.put(rows.getString("task_id"), rows.getString("ground_truth"));
                    }
                }
            }
            Optional<String> sft = source(duckdb, run.resolve("sft"));
            if (sft.isPresent()) {
                Set<String> columns = columns(duckdb, sft.get());
                String answer = columns.contains("messages") && columns.contains("response")
                        ? "coalesce(response, messages[len(messages)].content)"
                        : columns.contains("messages") ? "messages[len(messages)].content" : "response";
                try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(
                        "SELECT task_id, language, " + answer + " AS answer FROM " + sft.get() + " WHERE golden")) {
                    while (rows.next()) {
                        golden.put(rows.getString("task_id"),
                                new String[] {rows.getString("language"), rows.getString("answer")});
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the dataset files of run " + runId + " under " + run + ": "
                    + e.getMessage(), e);
        }
        List<Outcome> outcomes = new ArrayList<>();
        groundTruth.forEach((taskId, truth) -> outcomes.add(checkTask(runId, taskId, truth, golden.get(taskId))));
        return new RunCheck(runId, outcomes);
    }

    private Outcome checkTask(String runId, String taskId, String truth, String[] golden) {
        if (golden == null || golden[1] == null) {
            return new Outcome.Skipped(taskId, "no golden SFT row (the run's export.solutionSelection may not be golden)");
        }
        Optional<String[]> block = GoldenRerun.lastCodeBlock(golden[1]);
        if (block.isEmpty()) {
            return new Outcome.Skipped(taskId, "the golden answer holds no fenced code block");
        }
        String language = golden[0] != null ? golden[0] : block.get()[0];
        if (!GoldenRerun.runs(language)) {
            return new Outcome.Skipped(taskId, "cannot run " + language + " code");
        }
        int tests;
        try {
            tests = JSON.readTree(truth).path("inputs").size();
        } catch (IOException e) {
            return new Outcome.Skipped(taskId, "its ground truth is not JSON: " + e.getMessage());
        }
        List<GoldenRerun.Failure> failures = GoldenRerun.run(language, block.get()[1], truth,
                workDir.resolve(runId).resolve(safe(taskId)));
        return failures.isEmpty() ? new Outcome.Passed(taskId, language, tests)
                : new Outcome.Failed(taskId, language, tests, failures.size(), failures.get(0));
    }

    /** A DuckDB table expression over the shards under {@code dir}: Parquet when there is any, else JSONL. */
    private static Optional<String> source(Connection duckdb, Path dir) throws SQLException {
        for (String format : List.of("parquet", "jsonl")) {
            List<Path> parts = parts(dir, format);
            if (!parts.isEmpty()) {
                String list = parts.stream().map(path -> "'" + path.toString().replace("'", "''") + "'")
                        .collect(Collectors.joining(", ", "[", "]"));
                return Optional.of(format.equals("parquet") ? "read_parquet(" + list + ", union_by_name = true)"
                        : "read_json_auto(" + list + ", format = 'newline_delimited', union_by_name = true)");
            }
        }
        return Optional.empty();
    }

    private static Set<String> columns(Connection duckdb, String source) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rows.next()) {
                columns.add(rows.getString("column_name"));
            }
        }
        return columns;
    }

    private static List<Path> parts(Path dir, String format) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> path.getFileName().toString().startsWith("part-")
                    && path.getFileName().toString().endsWith("." + format)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * {@code DatasetCheck [--datasets DIR] [--run ID]}: checks every run under DIR (or one), prints a line per task
     * that did not pass and a summary per run; exits 0 when every checked task passed, 1 when one failed, 2 when
     * there was nothing to check.
     */
    public static void main(String[] args) throws IOException {
        Path home = Path.of(System.getProperty("synthsmith.home", ".")).toAbsolutePath().normalize();
        Path dir = home.resolve(".synthsmith/datasets");
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> dir = Path.of(value(args, ++i, "--datasets")).toAbsolutePath();
                case "--run" -> only = value(args, ++i, "--run");
                default -> usage("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("synthsmith-check-");
        DatasetCheck check = new DatasetCheck(dir, work);
        List<String> runs = only == null ? check.runs() : List.of(only);
        if (runs.isEmpty() || (only != null && !Files.isDirectory(dir.resolve(only)))) {
            System.out.println("check: no dataset files" + (only == null ? "" : " of run " + only) + " under " + dir);
            System.exit(2);
        }
        long failed = 0;
        long passed = 0;
        for (String runId : runs) {
            RunCheck result = check.check(runId);
            for (Outcome outcome : result.outcomes()) {
                switch (outcome) {
                    case Outcome.Failed f -> System.out.printf("check: %s %s FAILED %d of %d tests; test %d expected %s,"
                            + " printed %s%n", runId, f.taskId(), f.failed(), f.tests(), f.first().test(),
                            clip(f.first().expected()), clip(f.first().actual()));
                    case Outcome.Skipped s -> System.out.printf("check: %s %s not checked: %s%n", runId, s.taskId(),
                            s.reason());
                    case Outcome.Passed p -> {
                    }
                }
            }
            long runTests = result.outcomes().stream().mapToLong(o -> o instanceof Outcome.Passed p ? p.tests() : 0).sum();
            System.out.printf("check: run %s: %d tasks in the RL files; %d golden solutions pass all their tests when run"
                    + " again (%d tests), %d fail, %d not checked%n", runId, result.outcomes().size(),
                    result.count(Outcome.Passed.class), runTests, result.count(Outcome.Failed.class),
                    result.count(Outcome.Skipped.class));
            failed += result.count(Outcome.Failed.class);
            passed += result.count(Outcome.Passed.class);
        }
        try (Stream<Path> walk = Files.walk(work)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.exit(failed > 0 ? 1 : passed > 0 ? 0 : 2);
    }

    private static String clip(String text) {
        String line = text.replace("\n", "\\n");
        return "\"" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "\"";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("check: " + problem + "\nusage: synthsmith check [--datasets DIR] [--run ID]");
        System.exit(2);
    }
}
