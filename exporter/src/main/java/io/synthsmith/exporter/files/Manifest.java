package io.synthsmith.exporter.files;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.synthsmith.exporter.report.RunStatistics;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a run's dataset: its closed shards with row counts and checksums, the schema versions,
 * the counts the dataset card shows, and, per unit and input partition, the last offset the files hold (so that
 * a restarted writer neither loses nor repeats a row), the distributions of the exported tasks that the run
 * report charts ({@code statistics}, added in the same step as the counts), and the dataset's licence from the run
 * configuration.
 */
public record Manifest(
        String schema,
        String runId,
        int fileSchemaVersion,
        Map<String, String> recordSchemas,
        Instant updatedAt,
        List<Shard> shards,
        Counts counts,
        Map<String, Map<String, Long>> positions,
        RunStatistics statistics,
        String license) {

    public static final String SCHEMA = "synthsmith.export.manifest/v1";

    @JsonCreator
    public Manifest {
        shards = shards == null ? List.of() : List.copyOf(shards);
        counts = counts == null ? Counts.empty() : counts;
        positions = positions == null ? Map.of() : positions;
        statistics = statistics == null ? RunStatistics.empty() : statistics;
    }

    /** A closed shard: its unit, file, format, rows, size and SHA-256. */
    public record Shard(String unit, String path, String format, long rows, long bytes, String sha256) {
    }

    /**
     * What the files of a run hold: SFT rows, RL tasks by split, tasks by style and difficulty, the rejections
     * recorded upstream by stage and reason ({@code stage/reason}), and RL tasks by whose difficulty chose their split
     * ({@code solver} or {@code probe:<model>}; files version 2).
     */
    public record Counts(long sftRows, Map<String, Long> rlBySplit, Map<String, Long> tasksByStyle,
            Map<String, Long> tasksByDifficulty, Map<String, Long> rejections, Map<String, Long> difficultyBy) {

        public Counts {
            rlBySplit = sorted(rlBySplit);
            tasksByStyle = sorted(tasksByStyle);
            tasksByDifficulty = sorted(tasksByDifficulty);
            rejections = sorted(rejections);
            difficultyBy = sorted(difficultyBy);
        }

        /** Counts without the RL tasks by whose difficulty split them (manifests of files version 1). */
        public Counts(long sftRows, Map<String, Long> rlBySplit, Map<String, Long> tasksByStyle,
                Map<String, Long> tasksByDifficulty, Map<String, Long> rejections) {
            this(sftRows, rlBySplit, tasksByStyle, tasksByDifficulty, rejections, Map.of());
        }

        public static Counts empty() {
            return new Counts(0, Map.of(), Map.of(), Map.of(), Map.of());
        }

        /**
         * The key an RL row is counted under in {@code difficultyBy}: {@code solver}, or {@code probe:<model>} when
         * the run's probe split it.
         */
        public static String difficultyBy(ExportRl.ExtraInfo info) {
            return ExportRl.ExtraInfo.BY_PROBE.equals(info.difficultyBy()) && info.probeModel() != null
                    ? ExportRl.ExtraInfo.BY_PROBE + ":" + info.probeModel() : ExportRl.ExtraInfo.BY_SOLVER;
        }

        public long rlRows() {
            return rlBySplit.values().stream().mapToLong(Long::longValue).sum();
        }

        /** These counts plus {@code more}. */
        public Counts plus(Counts more) {
            return new Counts(sftRows + more.sftRows, add(rlBySplit, more.rlBySplit),
                    add(tasksByStyle, more.tasksByStyle), add(tasksByDifficulty, more.tasksByDifficulty),
                    add(rejections, more.rejections), add(difficultyBy, more.difficultyBy));
        }

        /** The counts of {@code a} and {@code b} added key by key, sorted by key. */
        public static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new TreeMap<>(a);
            b.forEach((k, v) -> sum.merge(k, v, Long::sum));
            return sum;
        }

        /** {@code map} sorted by key; empty for null. */
        public static Map<String, Long> sorted(Map<String, Long> map) {
            return map == null ? Map.of() : new TreeMap<>(map);
        }
    }

    /** The manifest of a run with no files yet. */
    public static Manifest empty(String runId) {
        return new Manifest(SCHEMA, runId, FileRows.FILE_SCHEMA_VERSION,
                Map.of("sft", ExportSft.SCHEMA, "rl", ExportRl.SCHEMA), null, List.of(), Counts.empty(), Map.of(),
                RunStatistics.empty(), null);
    }
}
