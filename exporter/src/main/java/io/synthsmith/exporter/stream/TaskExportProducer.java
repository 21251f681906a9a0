package io.synthsmith.exporter.stream;

import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.rl.RlRecords;
import io.synthsmith.exporter.rl.RlSplit;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.messages.codec.MessageCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Builds the plain export logic from the service's configuration. */
@ApplicationScoped
public class TaskExportProducer {

    @Produces
    @ApplicationScoped
    TaskExport taskExport(ExporterConfig config, MessageCodec codec) {
        PromptWriter prompts = new PromptWriter(config.prompt().stdio(), config.prompt().function());
        return new TaskExport(new SftRecords(prompts),
                new RlRecords(prompts, config.rl().dataSource(), config.rl().ability(), codec.mapper(),
                        new RlSplit(config.rl().probeEasyFrom(), config.rl().probeHardUpTo())),
                Clock.systemUTC());
    }
}
