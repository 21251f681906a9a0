package io.synthsmith.exporter.files;

import io.synthsmith.exporter.report.RunReportPage;
import io.synthsmith.exporter.report.RunStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dataset card ({@code README.md}) of a run: Hugging Face YAML front matter naming the {@code sft} and
 * {@code rl} configurations and their splits, so {@code load_dataset(<run directory>)} works as is, then the
 * counts by style, difficulty and upstream rejection reason, and how to load the files.
 */
public final class DatasetCard {

    private DatasetCard() {
    }

    public static String render(Manifest manifest) {
        StringBuilder card = new StringBuilder();
        card.append("---\n");
        card.append("pretty_name: SynthSmith run ").append(manifest.runId()).append('\n');
        card.append("tags:\n- code\n- synthetic\n- competitive-programming\n");
        List<String> configs = new ArrayList<>();
        config(manifest, configs, "sft", List.of(new Split("train", Unit.SFT)));
        config(manifest, configs, "rl", List.of(new Split("train", Unit.RL_MAIN), new Split("easy", Unit.RL_EASY)));
        if (!configs.isEmpty()) {
            card.append("configs:\n");
            configs.forEach(card::append);
        }
        card.append("---\n\n");
        card.append("# SynthSmith dataset: run `").append(manifest.runId()).append("`\n\n");
        card.append("""
                Synthetic competitive-programming tasks with long-reasoning solutions (SFT) and labelled tests (RL),
                made by SynthSmith: tasks evolved from seed features, solved by several candidates, tests labelled
                by majority vote of the candidates' outputs, a golden solution checked on hold-out tests, duplicates
                and benchmark look-alikes removed. Every row traces back to its seeds (`seed_ids`).

                """);
        Manifest.Counts counts = manifest.counts();
        card.append("## Contents\n\n| config | split | rows | shards |\n| --- | --- | ---: | ---: |\n");
        row(card, manifest, "sft", "train", Unit.SFT, counts.sftRows());
        row(card, manifest, "rl", "train", Unit.RL_MAIN, counts.rlBySplit().getOrDefault("main", 0L));
        row(card, manifest, "rl", "easy", Unit.RL_EASY, counts.rlBySplit().getOrDefault("easy", 0L));
        card.append("\nThe `easy` split holds the tasks that every candidate solved.\n\n");
        table(card, "Tasks by style", "style", counts.tasksByStyle());
        table(card, "Tasks by difficulty", "difficulty (verifier's level from the candidates' pass rate)",
                counts.tasksByDifficulty());
        table(card, "Rejected upstream", "stage / reason", counts.rejections());
        keyFigures(card, manifest.statistics());
        card.append("## Loading\n\n```python\nfrom datasets import load_dataset\n\n")
                .append("sft = load_dataset(\"parquet\", data_files=\"sft/*.parquet\", split=\"train\")\n")
                .append("rl = load_dataset(\"parquet\", data_files={\"train\": \"rl/main/*.parquet\",")
                .append(" \"easy\": \"rl/easy/*.parquet\"})\n```\n\n")
                .append("`manifest.json` lists every shard with its rows and SHA-256. Files schema version ")
                .append(manifest.fileSchemaVersion()).append("; records: ")
                .append(String.join(", ", manifest.recordSchemas().values())).append(".\n");
        return card.toString();
    }

    private record Split(String name, Unit unit) {
    }

    private static void config(Manifest manifest, List<String> configs, String name, List<Split> splits) {
        StringBuilder config = new StringBuilder();
        for (Split split : splits) {
            String format = formatOf(manifest, split.unit().directory());
            if (format != null) {
                config.append("  - split: ").append(split.name()).append("\n    path: ")
                        .append(split.unit().directory()).append("/*.")
                        .append(format).append('\n');
            }
        }
        if (!config.isEmpty()) {
            configs.add("- config_name: " + name + "\n  data_files:\n" + config);
        }
    }

    /** Parquet when the directory has Parquet shards, else JSONL when it has those, else null. */
    private static String formatOf(Manifest manifest, String directory) {
        boolean parquet = false;
        boolean jsonl = false;
        for (Manifest.Shard shard : manifest.shards()) {
            if (shard.path().startsWith(directory + "/")) {
                parquet |= ShardWriter.PARQUET.equals(shard.format());
                jsonl |= ShardWriter.JSONL.equals(shard.format());
            }
        }
        return parquet ? ShardWriter.PARQUET : jsonl ? ShardWriter.JSONL : null;
    }

    private static void row(StringBuilder card, Manifest manifest, String config, String split, Unit unit, long rows) {
        String format = formatOf(manifest, unit.directory());
        long shards = manifest.shards().stream()
                .filter(s -> s.unit().equals(unit.key()) && s.format().equals(format))
                .count();
        card.append("| ").append(config).append(" | ").append(split).append(" | ").append(rows).append(" | ")
                .append(shards).append(" |\n");
    }

    /** The run report's key figures as Markdown tables, which the Hugging Face viewer renders. */
    private static void keyFigures(StringBuilder card, RunStatistics stats) {
        card.append("## Cost per exported task\n\n");
        if (stats.tasksWithCost() == 0) {
            card.append("Not known: no exported record of this run carries a cost.\n\n");
        } else {
            double n = stats.tasksWithCost();
            card.append("| measure | per exported task | run total |\n| --- | ---: | ---: |\n");
            card.append(String.format(Locale.ROOT, "| prompt tokens | %.0f | %d |%n", stats.promptTokens() / n,
                    stats.promptTokens()));
            card.append(String.format(Locale.ROOT, "| completion tokens | %.0f | %d |%n",
                    stats.completionTokens() / n, stats.completionTokens()));
            card.append(String.format(Locale.ROOT, "| reasoning tokens (where reported) | %.0f | %d |%n",
                    stats.reasoningTokens() / n, stats.reasoningTokens()));
            card.append(String.format(Locale.ROOT, "| sandbox CPU seconds | %.2f | %.2f |%n",
                    stats.sandboxCpuSeconds() / n, stats.sandboxCpuSeconds()));
            card.append("\nOver ").append(stats.tasksWithCost()).append(" of ").append(stats.tasks())
                    .append(" exported tasks (those whose record carries `extra_info.cost`).\n\n");
        }
        table(card, "Tests by origin", "origin", stats.testsByOrigin());
        table(card, "Agreement (mean majority share per task)", "share of candidates agreeing",
                stats.majorityShare());
        table(card, "Feature-tree categories", "category (uses of its features)",
                RunReportPage.byCountDescending(stats.categories(), Integer.MAX_VALUE));
        table(card, "Most used features", "feature path",
                RunReportPage.byCountDescending(stats.features(), 10));
        card.append("`report.html` beside this card charts these figures, the funnel and the throughput.\n\n");
    }

    private static void table(StringBuilder card, String title, String key, Map<String, Long> counts) {
        card.append("## ").append(title).append("\n\n");
        if (counts.isEmpty()) {
            card.append("None recorded.\n\n");
            return;
        }
        card.append("| ").append(key).append(" | count |\n| --- | ---: |\n");
        counts.forEach((k, v) -> card.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        card.append('\n');
    }
}
