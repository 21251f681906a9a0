package io.synthsmith.exporter.stream;

import io.synthsmith.exporter.rl.RlRecords;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.topics.Topic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What one accepted task puts on the export streams: its SFT samples on export.sft and its RL record on export.rl. */
public final class TaskExport {

    private final SftRecords sft;
    private final RlRecords rl;
    private final Clock clock;

    public TaskExport(SftRecords sft, RlRecords rl, Clock clock) {
        this.sft = sft;
        this.rl = rl;
        this.clock = clock;
    }

    /**
     * A record bound for an export topic, keyed by its task id so a task's records share a partition, with the
     * file formats its run asks for and the licence of its dataset.
     */
    public record Output(Topic topic, String key, Envelope message, List<String> fileFormats, String license) {
    }

    /** The records of one task, SFT samples first. */
    public List<Output> of(Accepted accepted) {
        var at = clock.instant();
        var export = accepted.verified().task().runConfig().export();
        List<String> formats = export.fileFormats();
        List<Output> outputs = new ArrayList<>();
        for (ExportSft sample : sft.of(accepted, at)) {
            outputs.add(new Output(Topic.EXPORT_SFT, sample.taskId(), sample, formats, export.license()));
        }
        ExportRl task = rl.of(accepted, at);
        outputs.add(new Output(Topic.EXPORT_RL, task.extraInfo().taskId(), task, formats, export.license()));
        return List.copyOf(outputs);
    }
}
