package io.synthsmith.exporter.report;

import static io.synthsmith.exporter.files.Manifest.Counts.add;
import static io.synthsmith.exporter.files.Manifest.Counts.sorted;

import io.synthsmith.messages.ExportRl;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distributions of a run's exported tasks, added up from its RL records as they are written to the files (so
 * exact for what the files hold): difficulty (mean pass rate, in tenths), style, feature-tree category (the first
 * segment of each feature path) and feature, tests per task and by origin, agreement (mean majority share, in
 * tenths), cost, and tasks exported per minute. Kept in the run's manifest, so that a restarted exporter goes on
 * counting where it stopped. Figures a record does not carry (an older producer's) are left out and counted in
 * {@code tasksWithCost}/{@code tasksWithTests}.
 *
 * @param tasks RL records (one per exported task)
 * @param difficulty tasks by pass-rate bin ({@code 0.0-0.1} ... {@code 0.9-1.0}; {@code unknown})
 * @param styles tasks by style
 * @param categories feature uses by category
 * @param features uses of each feature path
 * @param testsPerTask tasks by number of labelled tests (as a decimal string)
 * @param testsByOrigin labelled tests by origin (sample, direct, generated)
 * @param tasksWithTests tasks whose record says its tests' origins
 * @param majorityShare tasks by mean majority share bin
 * @param tasksWithCost tasks whose record carries a cost
 * @param promptTokens prompt tokens over those tasks
 * @param completionTokens completion tokens over those tasks
 * @param reasoningTokens reasoning tokens over those tasks (where the endpoint reported them)
 * @param sandboxCpuSeconds CPU seconds of sandboxed runs over those tasks
 * @param exportedPerMinute tasks by the UTC minute their record was made ({@code 2026-12-07T03:41Z})
 */
public record RunStatistics(long tasks, Map<String, Long> difficulty, Map<String, Long> styles,
        Map<String, Long> categories, Map<String, Long> features, Map<String, Long> testsPerTask,
        Map<String, Long> testsByOrigin, long tasksWithTests, Map<String, Long> majorityShare, long tasksWithCost,
        long promptTokens, long completionTokens, long reasoningTokens, double sandboxCpuSeconds,
        Map<String, Long> exportedPerMinute) {

    public RunStatistics {
        difficulty = sorted(difficulty);
        styles = sorted(styles);
        categories = sorted(categories);
        features = sorted(features);
        testsPerTask = sorted(testsPerTask);
        testsByOrigin = sorted(testsByOrigin);
        majorityShare = sorted(majorityShare);
        exportedPerMinute = sorted(exportedPerMinute);
    }

    public static RunStatistics empty() {
        return new RunStatistics(0, null, null, null, null, null, null, 0, null, 0, 0, 0, 0, 0, null);
    }

    /** The figures of one exported task. */
    public static RunStatistics of(ExportRl task) {
        ExportRl.ExtraInfo info = task.extraInfo();
        Map<String, Long> categories = new TreeMap<>();
        Map<String, Long> features = new TreeMap<>();
        if (info.features() != null) {
            for (String feature : info.features()) {
                features.merge(feature, 1L, Long::sum);
                categories.merge(feature.split(" / ", 2)[0].strip(), 1L, Long::sum);
            }
        }
        Map<String, Long> origins = new TreeMap<>();
        Map<String, Long> testsPerTask = new TreeMap<>();
        if (info.testsByOrigin() != null) {
            info.testsByOrigin().forEach((origin, n) -> origins.merge(origin, (long) n, Long::sum));
            long tests = info.testsByOrigin().values().stream().mapToLong(Integer::longValue).sum();
            testsPerTask.put(Long.toString(tests), 1L);
        }
        ExportRl.TaskCost cost = info.cost();
        Instant at = task.createdAt() == null ? Instant.EPOCH : task.createdAt();
        return new RunStatistics(1, Map.of(bin(info.difficulty()), 1L),
                Map.of(info.style() == null ? "unknown" : info.style().wire(), 1L), categories, features,
                testsPerTask, origins, info.testsByOrigin() == null ? 0 : 1,
                info.majorityShare() == null ? Map.of() : Map.of(bin(info.majorityShare()), 1L),
                cost == null ? 0 : 1, cost == null ? 0 : cost.promptTokens(),
                cost == null ? 0 : cost.completionTokens(),
                cost == null || cost.reasoningTokens() == null ? 0 : cost.reasoningTokens(),
                cost == null ? 0 : cost.sandboxCpuSeconds(),
                Map.of(at.truncatedTo(ChronoUnit.MINUTES).toString(), 1L));
    }

    /** These figures plus {@code more}. */
    public RunStatistics plus(RunStatistics more) {
        return new RunStatistics(tasks + more.tasks, add(difficulty, more.difficulty), add(styles, more.styles),
                add(categories, more.categories), add(features, more.features),
                add(testsPerTask, more.testsPerTask), add(testsByOrigin, more.testsByOrigin),
                tasksWithTests + more.tasksWithTests, add(majorityShare, more.majorityShare),
                tasksWithCost + more.tasksWithCost, promptTokens + more.promptTokens,
                completionTokens + more.completionTokens, reasoningTokens + more.reasoningTokens,
                sandboxCpuSeconds + more.sandboxCpuSeconds, add(exportedPerMinute, more.exportedPerMinute));
    }

    /** Tokens (prompt + completion) per task that carries a cost, or null when none does. */
    public Double tokensPerTask() {
        return tasksWithCost == 0 ? null : (double) (promptTokens + completionTokens) / tasksWithCost;
    }

    /** Sandbox CPU seconds per task that carries a cost, or null when none does. */
    public Double sandboxCpuSecondsPerTask() {
        return tasksWithCost == 0 ? null : sandboxCpuSeconds / tasksWithCost;
    }

    /** The tenth a share from 0 to 1 falls in, as {@code 0.3-0.4} (1.0 falls in {@code 0.9-1.0}). */
    static String bin(Double share) {
        if (share == null) {
            return "unknown";
        }
        int tenth = Math.min(9, Math.max(0, (int) Math.floor(share * 10)));
        return String.format(Locale.ROOT, "%.1f-%.1f", tenth / 10.0, (tenth + 1) / 10.0);
    }
}
