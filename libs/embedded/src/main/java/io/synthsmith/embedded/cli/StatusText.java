package io.synthsmith.embedded.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link StatusReport} for a person: an aligned table, the rejections by reason, the run's progress. */
public final class StatusText {

    private static final int BAR_WIDTH = 30;
    private static final String NA = "n/a";

    private StatusText() {
    }

    /** The whole status; {@code terminal} adds a progress bar to the run's line. */
    public static String render(StatusReport report, boolean terminal) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "STATE", "CONSUMED", "PRODUCED", "REJECTED", "DEAD-LETTERED",
            "LAG (input topic: records)"});
        for (StatusReport.Stage stage : report.stages()) {
            rows.add(new String[] {stage.stage(), stage.state(), count(stage.consumed()), count(stage.produced()),
                count(stage.rejected()), count(stage.deadLettered()), lag(stage.lag())});
        }
        StringBuilder out = new StringBuilder();
        table(rows, out);

        List<String> rejections = new ArrayList<>();
        for (StatusReport.Stage stage : report.stages()) {
            if (stage.rejectedByReason() != null) {
                stage.rejectedByReason().forEach((reason, n) -> rejections.add(
                        String.format("  %-13s %-22s %7d", stage.stage(), reason, n)));
            }
        }
        if (!rejections.isEmpty()) {
            out.append("rejected, by reason:\n");
            rejections.forEach(line -> out.append(line).append('\n'));
        }
        for (StatusReport.Stage stage : report.stages()) {
            if (stage.problem() != null && !stage.state().equals("down")) {
                out.append(stage.stage()).append(": ").append(stage.problem()).append('\n');
            }
        }
        out.append(report.kafka().problem() != null ? "Kafka " + report.kafka().state() + ": "
                + report.kafka().problem() : "Kafka " + report.kafka().bootstrap() + " up");
        out.append("; counts since each service started; ").append(report.time()).append('\n');
        if (report.exports() != null) {
            for (StatusReport.RunExport run : report.exports()) {
                out.append(exported(run)).append('\n');
            }
        }
        if (report.run() != null) {
            RunProgress run = report.run();
            out.append("run ").append(run.file()).append(run.runId() == null ? "" : " (" + run.runId() + ")")
                    .append(": ").append(run.outcome()).append(", ").append(duration(run.elapsedSeconds()))
                    .append('\n');
            out.append("  ").append(progress(run, terminal)).append('\n');
        }
        return out.toString();
    }

    /**
     * One line of the run's progress: seeds ended of those loaded, the share of the work done (on a terminal as a
     * bar: {@code #} seeds ended, {@code =} work done on seeds not ended yet), seeds taken by the task-evolver,
     * requests ended, records in flight.
     */
    public static String progress(RunProgress run, boolean terminal) {
        if (run.problem() != null) {
            return "progress n/a: " + run.problem();
        }
        long percent = Math.round(Math.floor(run.work() * 100));
        StringBuilder line = new StringBuilder("seeds ended ").append(run.seedsEnded()).append('/')
                .append(run.expected());
        if (terminal) {
            int ended = (int) (run.expected() == 0 ? BAR_WIDTH : run.seedsEnded() * BAR_WIDTH / run.expected());
            int done = Math.max(ended, (int) Math.floor(run.work() * BAR_WIDTH));
            line.append(" [").append("#".repeat(ended)).append("=".repeat(done - ended))
                    .append("-".repeat(BAR_WIDTH - done)).append("] work ").append(percent).append('%');
        } else {
            line.append(" (work ").append(percent).append("%)");
        }
        return line.append(", seeds taken ").append(run.seedsTaken()).append('/').append(run.expected())
                .append(", requests ended ").append(run.requestsEnded()).append('/').append(run.requests())
                .append(", in flight ").append(run.inFlight()).toString();
    }

    /** One line per run the exporter has files for: tasks exported and the cost per exported task. */
    static String exported(StatusReport.RunExport run) {
        String line = "exported, run " + run.runId() + " (" + run.state() + "): " + run.exportedTasks() + " tasks";
        if (run.tokensPerTask() == null) {
            return line + "; cost per exported task not known";
        }
        return line + String.format(Locale.ROOT, "; per exported task %.0f tokens, %.2f s sandbox CPU (over %d tasks)",
                run.tokensPerTask(), run.sandboxCpuSecondsPerTask(), run.tasksWithCost());
    }

    private static void table(List<String[]> rows, StringBuilder out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i >= 2 && i <= 5;
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : i == row.length - 1 ? row[i] : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(cell).append(i == row.length - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String count(Long value) {
        return value == null ? NA : Long.toString(value);
    }

    private static String lag(Map<String, Long> lag) {
        if (lag == null) {
            return NA;
        }
        return lag.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String duration(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s" : seconds + "s";
    }
}
