package io.synthsmith.exporter.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.duckdb.DuckDBDriver;

/**
 * Closes a shard: the rows collected in a hidden JSONL file become {@code part-NNNNN.parquet} (written by DuckDB
 * with the layout's column types) and, when asked for, {@code part-NNNNN.jsonl}. Each file is written under a
 * hidden temporary name and renamed into place, so a reader never sees half a shard.
 */
public final class ShardWriter {

    public static final String PARQUET = "parquet";
    public static final String JSONL = "jsonl";
    // A row comes from one export record, at most 16 MiB (the topics' max.message.bytes); DuckDB buffers twice this.
    private static final long MAX_ROW_BYTES = 32L * 1024 * 1024;

    private final int rowGroupRows;
    private final String duckdbMemory;

    public ShardWriter(int rowGroupRows, String duckdbMemory) {
        this.rowGroupRows = rowGroupRows;
        this.duckdbMemory = duckdbMemory;
    }

    /** A closed shard file: its path relative to the run directory, format, rows, size and SHA-256. */
    public record ShardFile(String path, String format, long rows, long bytes, String sha256) {
    }

    /**
     * Turns {@code openRows} (JSONL, one row per line) into the final shard files {@code <base>.<format>} and
     * deletes it.
     */
    public List<ShardFile> close(Path runDirectory, Path openRows, String base, FileRows.Layout layout, long rows,
            List<String> formats) {
        List<ShardFile> files = new ArrayList<>();
        try {
            if (formats.contains(PARQUET)) {
                Path target = runDirectory.resolve(base + "." + PARQUET);
                Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
                writeParquet(openRows, temporary, layout);
                files.add(publish(runDirectory, temporary, target, PARQUET, rows));
            }
            if (formats.contains(JSONL)) {
                Path target = runDirectory.resolve(base + "." + JSONL);
                files.add(publish(runDirectory, openRows, target, JSONL, rows));
            } else {
                Files.deleteIfExists(openRows);
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close shard " + runDirectory.resolve(base) + ": " + e.getMessage(), e);
        }
    }

    private void writeParquet(Path jsonl, Path parquet, FileRows.Layout layout) throws IOException {
        String columns = layout.columns().entrySet().stream()
                .map(c -> quote(c.getKey()) + ": " + quote(c.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        String sql = "COPY (SELECT * FROM read_json(" + quote(jsonl.toString())
                + ", format = 'newline_delimited', columns = " + columns
                + ", maximum_object_size = " + MAX_ROW_BYTES + ")) TO " + quote(parquet.toString())
                + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + rowGroupRows + ")";
        Properties properties = new Properties();
        properties.setProperty("memory_limit", duckdbMemory);
        properties.setProperty("threads", "1");
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", properties);
                Statement statement = connection.createStatement()) {
            statement.execute("SET preserve_insertion_order = true");
            statement.execute(sql);
        } catch (SQLException e) {
            Files.deleteIfExists(parquet);
            throw new IOException("DuckDB cannot write " + parquet + " from " + jsonl + ": " + e.getMessage(), e);
        }
    }

    private static ShardFile publish(Path runDirectory, Path temporary, Path target, String format, long rows)
            throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new ShardFile(runDirectory.relativize(target).toString().replace('\\', '/'), format, rows,
                Files.size(target), sha256(target));
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
