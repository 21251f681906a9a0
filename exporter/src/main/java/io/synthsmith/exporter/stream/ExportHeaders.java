package io.synthsmith.exporter.stream;

/** Headers of the records on export.sft and export.rl, so a training job can pick its run without parsing JSON. */
public final class ExportHeaders {

    /** The run the record belongs to (also the {@code runId} field of the record). */
    public static final String RUN_ID = "synthsmith-run-id";
    /** The record's schema with version, for example {@code synthsmith.export.sft/v1}. */
    public static final String SCHEMA = "synthsmith-schema";

    /** The run's dataset file formats, comma-separated (parquet, jsonl): what the file writer makes of the record. */
    public static final String FILE_FORMATS = "synthsmith-file-formats";

    /** The licence of the run's dataset (its run configuration's {@code export.license}), for the dataset card. */
    public static final String LICENSE = "synthsmith-license";

    private ExportHeaders() {
    }
}
