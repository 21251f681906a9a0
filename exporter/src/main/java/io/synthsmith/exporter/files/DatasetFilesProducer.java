package io.synthsmith.exporter.files;

import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.messages.codec.MessageCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Builds the dataset file writer from the service's configuration. */
@ApplicationScoped
public class DatasetFilesProducer {

    @Produces
    @ApplicationScoped
    DatasetFiles datasetFiles(ExporterConfig config, MessageCodec codec) {
        ExporterConfig.Files files = config.files();
        return new DatasetFiles(files.directory().toAbsolutePath(),
                new ShardWriter(files.rowGroupRows(), files.duckdbMemory()), codec.mapper(), files.shardRows(),
                files.shardMaxAge(), Clock.systemUTC());
    }
}
