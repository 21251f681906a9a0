package io.synthsmith.exporter.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The exporter's configuration. What a run exports (format, solutions per task, selection, think tags, file
 * formats, easy split) is not here: it travels with each task in its run configuration.
 */
@ConfigMapping(prefix = "synthsmith.exporter")
public interface ExporterConfig {

    /** How prompts are worded. */
    Prompt prompt();

    /** The RL records. */
    Rl rl();

    /** The dataset files. */
    Files files();

    /** The export ledger, which keeps a task that reaches accepted twice from being exported twice. */
    Ledger ledger();

    /** Prompt templates: {@code {statement}}, {@code {language}} and {@code {signature}} are replaced. */
    interface Prompt {

        /**
         * The user prompt of a stdin/stdout task (Codeforces and AtCoder styles)
         * (env {@code SYNTHSMITH_EXPORTER_PROMPT_STDIO}).
         */
        @WithDefault("{statement}\n\nWrite a {language} program that reads from standard input and writes to standard output. Put the complete program in one fenced code block at the end of your answer.")
        String stdio();

        /**
         * The user prompt of a function-signature task (LeetCode style); {@code {signature}} is the method to
         * complete, for example {@code class Solution: def maxScore(self, nums: List[int]) -> int}
         * (env {@code SYNTHSMITH_EXPORTER_PROMPT_FUNCTION}).
         */
        @WithDefault("{statement}\n\nComplete the following in {language} and return the answer from the method. Put the complete class in one fenced code block at the end of your answer.\n\n{signature}")
        String function();
    }

    /** The RL records. */
    interface Rl {

        /**
         * verl's {@code data_source}; {@code {runId}} is replaced by the run id
         * (env {@code SYNTHSMITH_EXPORTER_RL_DATA_SOURCE}).
         */
        @WithDefault("synthsmith/{runId}")
        String dataSource();

        /** verl's {@code ability} (env {@code SYNTHSMITH_EXPORTER_RL_ABILITY}). */
        @WithDefault("code")
        String ability();

        /**
         * With a run probe: the probe's mean pass rate from which a task is too easy for the model being trained
         * and goes to the {@code easy} split (env {@code SYNTHSMITH_EXPORTER_RL_PROBE_EASY_FROM}); the default 1.0
         * means every probe attempt passed every test.
         */
        @WithDefault("1.0")
        double probeEasyFrom();

        /**
         * With a run probe: the probe's mean pass rate up to which a task is too hard and goes to the {@code hard}
         * split (env {@code SYNTHSMITH_EXPORTER_RL_PROBE_HARD_UP_TO}); the default 0.0 means no probe attempt passed
         * any test. Must be below {@code probe-easy-from}.
         */
        @WithDefault("0.0")
        double probeHardUpTo();
    }

    /** The dataset files written from the committed export streams. */
    interface Files {

        /**
         * Whether this replica writes the dataset files (env {@code SYNTHSMITH_EXPORTER_FILES_ENABLED}). Exactly one
         * replica of a deployment writes them: the files of a run live in one directory.
         */
        @WithDefault("true")
        boolean enabled();

        /** The directory that holds one sub-directory per run (env {@code SYNTHSMITH_EXPORTER_FILES_DIRECTORY}). */
        @WithDefault("data/export")
        Path directory();

        /** A shard is closed when it holds this many rows (env {@code SYNTHSMITH_EXPORTER_FILES_SHARD_ROWS}). */
        @WithDefault("10000")
        int shardRows();

        /**
         * A shard is closed when its oldest row has waited this long, so a slow run still shows up in files
         * (env {@code SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE}).
         */
        @WithDefault("PT5M")
        Duration shardMaxAge();

        /**
         * How often the writer looks for shards to close and rejection counts to record, and how long it waits
         * for records (env {@code SYNTHSMITH_EXPORTER_FILES_TICK}).
         */
        @WithDefault("PT1S")
        Duration tick();

        /** Rows per Parquet row group (env {@code SYNTHSMITH_EXPORTER_FILES_ROW_GROUP_ROWS}). */
        @WithDefault("10000")
        int rowGroupRows();

        /** Memory DuckDB may use while writing one Parquet shard (env {@code SYNTHSMITH_EXPORTER_FILES_DUCKDB_MEMORY}). */
        @WithDefault("512MB")
        String duckdbMemory();
    }

    /** The export ledger (topic {@code export.ledger}): one record per exported task. */
    interface Ledger {

        /**
         * How long a batch waits for the ledger to be read to its end before it is aborted and read again
         * (env {@code SYNTHSMITH_EXPORTER_LEDGER_READ_TIMEOUT}). Longer than the export transaction timeout (60 s):
         * a transaction left open on the ledger by a replica that died is aborted by the broker after that time.
         */
        @WithDefault("PT2M")
        Duration readTimeout();
    }
}
