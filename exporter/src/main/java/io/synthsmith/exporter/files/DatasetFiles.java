package io.synthsmith.exporter.files;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.exporter.rl.VerlReward;
import io.synthsmith.exporter.report.RunReportPage;
import io.synthsmith.exporter.report.RunStatistics;
import io.synthsmith.exporter.rl.RlSplit;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Verified;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The dataset files of every run, written from the committed export streams and the rejected topic. Rows collect
 * in an open shard per run and unit; a shard closes when it is full or old enough, and then the run's manifest and
 * dataset card are rewritten (each atomically). The manifest records, per input partition, the last offset its
 * files hold, and {@code _exporter/checkpoint.json} where to resume reading: after a crash the writer drops
 * files that no manifest lists, re-reads from the checkpoint and skips what the manifests already hold, so each
 * record lands in the files exactly once. Not thread-safe on its own: the methods are synchronized.
 */
public final class DatasetFiles {

    private static final String MANIFEST = "manifest.json";
    private static final String CARD = "README.md";
    /** The run report, beside the card: self-contained HTML with charts. */
    public static final String REPORT = "report.html";
    private static final String CHECKPOINT = "_exporter/checkpoint.json";

    private final Path root;
    private final ShardWriter writer;
    private final FileRows rows;
    private final ObjectMapper mapper;
    private final int shardRows;
    private final Duration shardMaxAge;
    private final Clock clock;
    private final Map<String, RunFiles> runs = new HashMap<>();
    private Map<String, Long> checkpointOnDisk = Map.of();

    public DatasetFiles(Path root, ShardWriter writer, ObjectMapper mapper, int shardRows, Duration shardMaxAge,
            Clock clock) {
        this.root = root;
        this.writer = writer;
        this.rows = new FileRows(mapper);
        this.mapper = mapper;
        this.shardRows = shardRows;
        this.shardMaxAge = shardMaxAge;
        this.clock = clock;
    }

    /** What a run's files hold: the manifest's counts, and the rows still waiting in open shards. */
    public record RunReport(String runId, Path directory, Manifest.Counts files, Map<String, Long> pendingRows,
            long pendingRejections, int shards, Instant updatedAt, RunStatistics statistics) {
    }

    /** Where to resume reading each input partition ({@code topic-partition}), from the last checkpoint. */
    public synchronized Map<String, Long> checkpoint() {
        Path file = root.resolve(CHECKPOINT);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return mapper.readValue(file.toFile(), new TypeReference<TreeMap<String, Long>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + "; delete it to rebuild the files from the start"
                    + " of the export topics", e);
        }
    }

    /**
     * Takes one record read at {@code offset} of input partition {@code partition} ({@code topic-partition}).
     * {@code fileFormats} are the run's file formats (parquet, jsonl). Records the files already hold are skipped.
     */
    public synchronized void accept(String partition, long offset, Envelope record, List<String> fileFormats) {
        accept(partition, offset, record, fileFormats, null);
    }

    /** As {@link #accept(String, long, Envelope, List)}, with the run's licence for its card (null: not known). */
    public synchronized void accept(String partition, long offset, Envelope record, List<String> fileFormats,
            String license) {
        RunFiles run = run(record.runId());
        if (license != null) {
            run.license = license;
        }
        Unit unit = unitOf(record);
        if (offset <= run.manifest.positions().getOrDefault(unit.key(), Map.of()).getOrDefault(partition, -1L)) {
            return;
        }
        switch (record) {
            case ExportSft sample -> run.add(unit, FileRows.layoutOf(sample), rows.row(sample), partition, offset,
                    fileFormats, new Manifest.Counts(1, Map.of(), Map.of(), Map.of(), Map.of()),
                    RunStatistics.empty());
            case ExportRl task -> run.add(unit, FileRows.Layout.RL, rows.row(task), partition, offset, fileFormats,
                    new Manifest.Counts(0, Map.of(task.extraInfo().split(), 1L),
                            Map.of(task.extraInfo().style().wire(), 1L), Map.of(difficultyOf(task), 1L), Map.of(),
                            Map.of(Manifest.Counts.difficultyBy(task.extraInfo()), 1L)),
                    RunStatistics.of(task));
            case Rejected rejection -> run.reject(rejection, partition, offset);
            default -> throw new IllegalArgumentException("the dataset files take export and rejected records, not "
                    + record.schema());
        }
    }

    /**
     * Closes the shards that are full or old enough, records pending rejection counts, and writes the checkpoint
     * from {@code readPositions} (the next offset to read per input partition).
     */
    public synchronized void tick(Map<String, Long> readPositions) {
        Instant now = clock.instant();
        for (RunFiles run : runs.values()) {
            run.closeDue(now, false);
        }
        writeCheckpoint(readPositions);
    }

    /** Closes every open shard (on shutdown) and writes the checkpoint. */
    public synchronized void closeAll(Map<String, Long> readPositions) {
        for (RunFiles run : runs.values()) {
            run.closeDue(clock.instant(), true);
        }
        writeCheckpoint(readPositions);
    }

    /** Forgets what is in memory, as after a crash: the next records rebuild it from the files on disk. */
    public synchronized void reset() {
        for (RunFiles run : runs.values()) {
            run.discardOpen();
        }
        runs.clear();
    }

    /** The report of a run, from memory or from its manifest on disk; empty when the run has no files. */
    public synchronized Optional<RunReport> report(String runId) {
        RunFiles run = runs.get(runId);
        if (run == null) {
            Path manifest = root.resolve(runId).resolve(MANIFEST);
            if (!Files.exists(manifest)) {
                return Optional.empty();
            }
            run = run(runId);
        }
        return Optional.of(run.report());
    }

    /** The run ids that have files under the root, sorted. */
    public synchronized List<String> runIds() {
        TreeSet<String> ids = new TreeSet<>(runs.keySet());
        if (Files.isDirectory(root)) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> Files.exists(d.resolve(MANIFEST))).forEach(d -> ids.add(d.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ids);
    }

    /** The manifest of a run as its files stand (closed shards only); empty when the run has no files. */
    public synchronized Optional<Manifest> manifest(String runId) {
        if (!runs.containsKey(runId) && !Files.exists(root.resolve(runId).resolve(MANIFEST))) {
            return Optional.empty();
        }
        return Optional.of(run(runId).manifest);
    }

    /** The directory of a run's files. */
    public Path directoryOf(String runId) {
        return root.resolve(runId);
    }

    private void writeCheckpoint(Map<String, Long> readPositions) {
        Map<String, Long> resume = new TreeMap<>(readPositions);
        for (RunFiles run : runs.values()) {
            run.firstPendingOffsets().forEach((partition, offset) -> resume.merge(partition, offset, Math::min));
        }
        if (resume.isEmpty() || resume.equals(checkpointOnDisk)) {
            return;
        }
        writeAtomically(root.resolve(CHECKPOINT), json(resume));
        checkpointOnDisk = resume;
    }

    private static Unit unitOf(Envelope record) {
        return switch (record) {
            case ExportSft ignored -> Unit.SFT;
            case ExportRl task -> switch (task.extraInfo().split()) {
                case RlSplit.EASY -> Unit.RL_EASY;
                case RlSplit.HARD -> Unit.RL_HARD;
                default -> Unit.RL_MAIN;
            };
            default -> Unit.REJECTED;
        };
    }

    private static String difficultyOf(ExportRl task) {
        Verified.Difficulty.Level level = task.extraInfo().difficultyLevel();
        if (level != null) {
            return level.wire();
        }
        return task.extraInfo().difficulty() == null ? "unknown" : "pass rate " + task.extraInfo().difficulty();
    }

    private RunFiles run(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunFiles(id, root.resolve(id)));
    }

    private byte[] json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private static void writeAtomically(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** An open shard: its rows in a hidden JSONL file, the offsets it covers, and the counts it will add. */
    private static final class OpenShard {
        final FileRows.Layout layout;
        final List<String> formats;
        final Path file;
        final BufferedWriter out;
        final Instant openedAt;
        final Map<String, Long> firstOffsets = new HashMap<>();
        final Map<String, Long> lastOffsets = new HashMap<>();
        Manifest.Counts counts = Manifest.Counts.empty();
        RunStatistics statistics = RunStatistics.empty();
        long rows;

        OpenShard(FileRows.Layout layout, List<String> formats, Path file, Instant openedAt) throws IOException {
            this.layout = layout;
            this.formats = formats;
            this.file = file;
            this.openedAt = openedAt;
            Files.createDirectories(file.getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
    }

    /** The files of one run: its manifest as on disk, its open shards and its pending rejection counts. */
    private final class RunFiles {
        final String runId;
        final Path directory;
        Manifest manifest;
        String license;
        final Map<Unit, OpenShard> open = new EnumMap<>(Unit.class);
        final Map<String, Long> pendingRejections = new TreeMap<>();
        final Map<String, Long> rejectionFirstOffsets = new HashMap<>();
        final Map<String, Long> rejectionLastOffsets = new HashMap<>();

        RunFiles(String runId, Path directory) {
            this.runId = runId;
            this.directory = directory;
            this.manifest = load();
        }

        private Manifest load() {
            Path file = directory.resolve(MANIFEST);
            try {
                Manifest loaded = Files.exists(file) ? mapper.readValue(file.toFile(), Manifest.class)
                        : Manifest.empty(runId);
                dropUnlisted(loaded);
                return loaded;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** Deletes shard files the manifest does not list: written before a crash, their rows come again. */
        private void dropUnlisted(Manifest loaded) throws IOException {
            Set<String> listed = new HashSet<>();
            loaded.shards().forEach(s -> listed.add(s.path()));
            for (Unit unit : Unit.values()) {
                if (unit.directory() == null || !Files.isDirectory(directory.resolve(unit.directory()))) {
                    continue;
                }
                try (Stream<Path> files = Files.list(directory.resolve(unit.directory()))) {
                    for (Path file : files.toList()) {
                        String relative = directory.relativize(file).toString().replace('\\', '/');
                        if (!listed.contains(relative)) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }

        void add(Unit unit, FileRows.Layout layout, ObjectNode row, String partition, long offset,
                List<String> formats, Manifest.Counts counts, RunStatistics statistics) {
            try {
                OpenShard shard = open.get(unit);
                if (shard != null && (shard.layout != layout || !shard.formats.equals(formats))) {
                    close(unit);
                    shard = null;
                }
                if (shard == null) {
                    shard = new OpenShard(layout, List.copyOf(formats),
                            directory.resolve(unit.directory()).resolve("." + nextBase(unit) + ".open.jsonl"),
                            clock.instant());
                    open.put(unit, shard);
                }
                shard.out.write(mapper.writeValueAsString(row));
                shard.out.write('\n');
                shard.rows++;
                shard.counts = shard.counts.plus(counts);
                shard.statistics = shard.statistics.plus(statistics);
                shard.firstOffsets.putIfAbsent(partition, offset);
                shard.lastOffsets.put(partition, offset);
                if (shard.rows >= shardRows) {
                    close(unit);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a row of run " + runId + ": " + e.getMessage(), e);
            }
        }

        void reject(Rejected rejection, String partition, long offset) {
            pendingRejections.merge(rejection.stage() + "/" + rejection.reason().wire(), 1L, Long::sum);
            rejectionFirstOffsets.putIfAbsent(partition, offset);
            rejectionLastOffsets.put(partition, offset);
        }

        String nextBase(Unit unit) {
            long closed = manifest.shards().stream()
                    .filter(s -> s.unit().equals(unit.key()))
                    .map(s -> s.path().substring(0, s.path().lastIndexOf('.')))
                    .distinct()
                    .count();
            return String.format("part-%05d", closed);
        }

        void closeDue(Instant now, boolean everything) {
            for (Unit unit : List.copyOf(open.keySet())) {
                if (everything || !open.get(unit).openedAt.plus(shardMaxAge).isAfter(now)) {
                    close(unit);
                }
            }
            if (!pendingRejections.isEmpty()) {
                Map<String, Map<String, Long>> positions = positionsWith(Unit.REJECTED, rejectionLastOffsets);
                commit(manifest.shards(), manifest.counts().plus(new Manifest.Counts(0, Map.of(), Map.of(), Map.of(),
                        pendingRejections)), manifest.statistics(), positions);
                pendingRejections.clear();
                rejectionFirstOffsets.clear();
                rejectionLastOffsets.clear();
            }
        }

        void close(Unit unit) {
            OpenShard shard = open.remove(unit);
            try {
                shard.out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + shard.file + ": " + e.getMessage(), e);
            }
            String base = unit.directory() + "/" + nextBase(unit);
            List<Manifest.Shard> shards = new ArrayList<>(manifest.shards());
            for (ShardWriter.ShardFile file : writer.close(directory, shard.file, base, shard.layout, shard.rows,
                    shard.formats)) {
                shards.add(new Manifest.Shard(unit.key(), file.path(), file.format(), file.rows(), file.bytes(),
                        file.sha256()));
            }
            commit(shards, manifest.counts().plus(shard.counts), manifest.statistics().plus(shard.statistics),
                    positionsWith(unit, shard.lastOffsets));
        }

        private Map<String, Map<String, Long>> positionsWith(Unit unit, Map<String, Long> lastOffsets) {
            Map<String, Map<String, Long>> positions = new TreeMap<>();
            manifest.positions().forEach((k, v) -> positions.put(k, new TreeMap<>(v)));
            positions.computeIfAbsent(unit.key(), k -> new TreeMap<>()).putAll(lastOffsets);
            return positions;
        }

        private void commit(List<Manifest.Shard> shards, Manifest.Counts counts, RunStatistics statistics,
                Map<String, Map<String, Long>> positions) {
            Manifest next = new Manifest(Manifest.SCHEMA, runId, FileRows.FILE_SCHEMA_VERSION,
                    manifest.recordSchemas(), clock.instant(), shards, counts, positions, statistics,
                    license != null ? license : manifest.license());
            writeAtomically(directory.resolve(MANIFEST), json(next));
            manifest = next;
            writeAtomically(directory.resolve(CARD), DatasetCard.render(next).getBytes(StandardCharsets.UTF_8));
            writeAtomically(directory.resolve(REPORT), RunReportPage.render(next).getBytes(StandardCharsets.UTF_8));
            writeRewardFunction();
        }

        /** verl_reward.py beside the shards, unless the file there is already this exporter's. */
        private void writeRewardFunction() {
            Path target = directory.resolve(VerlReward.FILE_NAME);
            try {
                if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), VerlReward.source())) {
                    writeAtomically(target, VerlReward.source());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        Map<String, Long> firstPendingOffsets() {
            Map<String, Long> first = new HashMap<>(rejectionFirstOffsets);
            for (OpenShard shard : open.values()) {
                shard.firstOffsets.forEach((partition, offset) -> first.merge(partition, offset, Math::min));
            }
            return first;
        }

        void discardOpen() {
            for (OpenShard shard : open.values()) {
                try {
                    shard.out.close();
                    Files.deleteIfExists(shard.file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot discard " + shard.file, e);
                }
            }
            open.clear();
        }

        RunReport report() {
            Map<String, Long> pending = new LinkedHashMap<>();
            open.forEach((unit, shard) -> pending.put(unit.key(), shard.rows));
            long rejections = pendingRejections.values().stream().mapToLong(Long::longValue).sum();
            return new RunReport(runId, directory, manifest.counts(), pending, rejections,
                    (int) manifest.shards().stream().map(s -> s.path().substring(0, s.path().lastIndexOf('.')))
                            .distinct().count(),
                    manifest.updatedAt(), manifest.statistics());
        }
    }
}
