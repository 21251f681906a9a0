package io.synthsmith.exporter.files;

import io.synthsmith.exporter.rl.RlSplit;
import io.synthsmith.exporter.rl.VerlReward;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.exporter.report.RunReportPage;
import io.synthsmith.exporter.report.RunStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dataset card ({@code README.md}) of a run: Hugging Face YAML front matter naming the {@code sft} and
 * {@code rl} configurations and their splits, so {@code load_dataset(<run directory>)} works as is, then the
 * counts by style, difficulty and upstream rejection reason, and how to load the files.
 */
public final class DatasetCard {

    private DatasetCard() {
    }

    /** The splits of the card's configurations: the HF split name and the unit whose shards it reads. */
    private static final Pattern LICENSE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]*");
    private static final List<Split> SFT_SPLITS = List.of(new Split("train", Unit.SFT));
    private static final List<Split> RL_SPLITS = List.of(new Split("train", Unit.RL_MAIN), new Split("easy", Unit.RL_EASY),
            new Split("hard", Unit.RL_HARD));

    public static String render(Manifest manifest) {
        List<Split> sft = existing(manifest, SFT_SPLITS);
        List<Split> rl = existing(manifest, RL_SPLITS);
        StringBuilder card = new StringBuilder();
        card.append("---\n");
        card.append("pretty_name: SynthSmith run ").append(manifest.runId()).append('\n');
        card.append("license: ").append(license(manifest)).append('\n');
        card.append("tags:\n- code\n- synthetic\n- competitive-programming\n");
        List<String> configs = new ArrayList<>();
        config(manifest, configs, "sft", sft);
        config(manifest, configs, "rl", rl);
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
        card.append("Licence: `").append(license(manifest)).append("` (the run configuration's `export.license`).\n\n");
        Manifest.Counts counts = manifest.counts();
        card.append("## Contents\n\n| config | split | directory | rows | shards |\n| --- | --- | --- | ---: | ---: |\n");
        for (Split split : sft) {
            row(card, manifest, "sft", split, counts.sftRows());
        }
        for (Split split : rl) {
            row(card, manifest, "rl", split, counts.rlBySplit().getOrDefault(splitKey(split.unit()), 0L));
        }
        if (sft.isEmpty() && rl.isEmpty()) {
            card.append("| (none yet) | | | 0 | 0 |\n");
        }
        card.append('\n');
        difficulty(card, counts, rl);
        table(card, "Tasks by style", "style", counts.tasksByStyle());
        table(card, "Tasks by difficulty", "difficulty (verifier's level from the candidates' pass rate)",
                counts.tasksByDifficulty());
        table(card, "RL tasks by whose difficulty chose their split", "decided by", counts.difficultyBy());
        table(card, "Rejected upstream", "stage / reason", counts.rejections());
        keyFigures(card, manifest.statistics());
        loading(card, manifest, sft, rl);
        card.append("`manifest.json` lists every shard with its rows and SHA-256. Files schema version ")
                .append(manifest.fileSchemaVersion()).append("; records: ")
                .append(String.join(", ", manifest.recordSchemas().values())).append(".\n");
        return card.toString();
    }

    /** The {@code extra_info.split} value of the rows in an RL unit. */
    private static String splitKey(Unit unit) {
        return switch (unit) {
            case RL_EASY -> RlSplit.EASY;
            case RL_HARD -> RlSplit.HARD;
            default -> RlSplit.MAIN;
        };
    }

    /**
     * What each existing RL split holds and whose difficulty it is: the run's probe model (the model being trained,
     * when the run names one) or the solver's own candidates.
     */
    private static void difficulty(StringBuilder card, Manifest.Counts counts, List<Split> rl) {
        List<String> probes = counts.difficultyBy().keySet().stream()
                .filter(key -> key.startsWith(ExportRl.ExtraInfo.BY_PROBE + ":"))
                .map(key -> key.substring(ExportRl.ExtraInfo.BY_PROBE.length() + 1)).toList();
        long bySolver = counts.difficultyBy().getOrDefault(ExportRl.ExtraInfo.BY_SOLVER, 0L);
        boolean probed = !probes.isEmpty();
        for (Split split : rl) {
            card.append("RL split `").append(split.name()).append("` (`").append(split.unit().directory())
                    .append("`): ").append(switch (split.unit()) {
                        case RL_EASY -> probed ? "too easy for the probe model (its mean pass rate at or above the "
                                + "exporter's `probe-easy-from`, default 1.0)" + (bySolver > 0
                                ? "; tasks without a probe: every candidate solved them" : "")
                                : "the tasks every candidate solved";
                        case RL_HARD -> "too hard for the probe model (its mean pass rate at or below the exporter's "
                                + "`probe-hard-up-to`, default 0.0)";
                        default -> probed ? "useful for RL, the probe model passes some of their tests but not all" + (bySolver > 0
                                ? "; tasks without a probe: some candidate failed them" : "")
                                : "the tasks some candidate failed";
                    }).append(".\n");
        }
        card.append('\n');
        if (probed) {
            card.append("Difficulty is measured against the probe model ")
                    .append(String.join(", ", probes.stream().map(m -> "`" + m + "`").toList()))
                    .append(" (the run's `probe`): its attempts at each task, asked with the candidates' prompt, ")
                    .append("run on the labelled tests; `extra_info.probe_difficulty` is its mean pass rate and ")
                    .append("decided the split (`extra_info.difficulty_by`). `extra_info.difficulty` stays the ")
                    .append("solver's candidates' mean pass rate.");
            if (bySolver > 0) {
                card.append(" ").append(bySolver).append(" RL tasks had no probe result and were split by the ")
                        .append("solver's difficulty.");
            }
            card.append("\n\n");
        } else {
            card.append("""
                    Difficulty is the solver's: the mean pass rate of the run's own candidate solutions on the labelled \
                    tests (`extra_info.difficulty`, 1 = every candidate passed), not measured against the model you \
                    train. A run's `probe` (the model being trained, or its base) measures it against that model.

                    """);
        }
    }

    /**
     * The licence the card declares: the run's, or {@code unknown}; {@code other} for a value that is not a licence
     * id (Hugging Face ids are like {@code apache-2.0}), which must not break the YAML.
     */
    static String license(Manifest manifest) {
        if (manifest.license() == null || manifest.license().isBlank()) {
            return "unknown";
        }
        String license = manifest.license().strip();
        return LICENSE_ID.matcher(license).matches() ? license : "other";
    }

    private static void loading(StringBuilder card, Manifest manifest, List<Split> sft, List<Split> rl) {
        card.append("## Loading\n\nFrom this directory (`DATASET`), with Hugging Face `datasets`:\n\n")
                .append("```python\nfrom datasets import load_dataset\n\n");
        if (!sft.isEmpty()) {
            card.append("sft = load_dataset(DATASET, \"sft\", split=\"train\")  # chat `messages` (or query/response)\n");
        }
        if (!rl.isEmpty()) {
            card.append("rl = load_dataset(DATASET, \"rl\")  # splits: ")
                    .append(String.join(", ", rl.stream().map(Split::name).toList())).append('\n');
            card.append("rl = load_dataset(\"").append(formatOf(manifest, rl.get(0).unit().directory()))
                    .append("\", data_files={")
                    .append(String.join(", ", rl.stream().map(split -> "\"" + split.name() + "\": DATASET + \"/"
                            + split.unit().directory() + "/*." + formatOf(manifest, split.unit().directory()) + "\"")
                            .toList()))
                    .append("})\n");
        }
        card.append("```\n\n");
        if (!sft.isEmpty()) {
            card.append("""
                    SFT with TRL: the `messages` column is a conversation, which `trl.SFTTrainer` takes as it is \
                    (`SFTTrainer(model=..., train_dataset=sft)`).

                    """);
        }
        if (!rl.isEmpty()) {
            Split first = rl.get(0);
            card.append("RL with verl: the rows have verl's columns (`data_source`, `prompt`, `ability`, ")
                    .append("`reward_model.ground_truth`, `extra_info`). Score them with the reward function beside ")
                    .append("the files, which runs the completion's final code block on the row's tests:\n\n```\n")
                    .append("data.train_files=").append(shardList(manifest, first.unit())).append('\n')
                    .append("custom_reward_function.path=$DATASET/").append(VerlReward.FILE_NAME).append('\n')
                    .append("custom_reward_function.name=compute_score\n```\n\n")
                    .append("`compute_score` returns the fraction of tests passed; set ")
                    .append("`+custom_reward_function.reward_kwargs.all_or_nothing=true` (or the environment ")
                    .append("variable `SYNTHSMITH_REWARD_ALL_OR_NOTHING=1`) for 1.0/0.0. It needs `g++` for C++ rows.\n\n");
        }
    }

    private static String shardList(Manifest manifest, Unit unit) {
        String format = formatOf(manifest, unit.directory());
        return manifest.shards().stream().filter(s -> s.unit().equals(unit.key()) && s.format().equals(format))
                .map(s -> "$DATASET/" + s.path()).collect(Collectors.joining(",", "[", "]"));
    }

    private static List<Split> existing(Manifest manifest, List<Split> splits) {
        return splits.stream().filter(split -> formatOf(manifest, split.unit().directory()) != null).toList();
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

    private static void row(StringBuilder card, Manifest manifest, String config, Split split, long rows) {
        String format = formatOf(manifest, split.unit().directory());
        long shards = manifest.shards().stream()
                .filter(s -> s.unit().equals(split.unit().key()) && s.format().equals(format))
                .count();
        card.append("| ").append(config).append(" | ").append(split.name()).append(" | `")
                .append(split.unit().directory()).append("` | ").append(rows).append(" | ").append(shards)
                .append(" |\n");
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
