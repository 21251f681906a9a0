package io.synthsmith.dedup.config;

import io.synthsmith.dedup.contamination.BenchmarkFiles;
import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.contamination.BenchmarkProblem;
import io.synthsmith.dedup.decision.Deduplicator;
import io.synthsmith.dedup.index.IndexCache;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashScheme;
import io.synthsmith.dedup.stats.RunStatistics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.RemoteCounterManagerFactory;
import org.jboss.logging.Logger;

/** Builds the dedup's plain logic classes from the configuration and the Hot Rod client. */
public class DedupProducers {

    private static final Logger LOG = Logger.getLogger(DedupProducers.class);

    @Produces
    @Singleton
    MinHashScheme scheme(DedupConfig config) {
        DedupConfig.MinHash m = config.minhash();
        return new MinHashScheme(m.permutations(), m.shingleSize(), m.bands(), m.rows(), m.seed());
    }

    @Produces
    @Singleton
    Fingerprinter fingerprinter(MinHashScheme scheme) {
        return new Fingerprinter(scheme);
    }

    @Produces
    @Singleton
    SharedIndex index(RemoteCacheManager manager, MinHashScheme scheme, DedupConfig config) {
        DedupConfig.Index index = config.index();
        return new SharedIndex(
                IndexCache.open(manager, index.cache(), index.cacheConfiguration(), index.unavailableTimeout()),
                scheme, config.minhash().threshold(), index.maxBucketSize());
    }

    @Produces
    @Singleton
    BenchmarkIndex benchmarks(Fingerprinter fingerprinter, DedupConfig config) {
        DedupConfig.Decontamination d = config.decontamination();
        List<BenchmarkProblem> problems = new BenchmarkFiles(d.idField(), d.textFields())
                .read(d.files().orElse(List.of()));
        LOG.infof("decontamination: %d benchmark problems from %s", problems.size(), d.files().orElse(List.of()));
        return new BenchmarkIndex(problems, fingerprinter, d.ngramSize(), d.threshold());
    }

    @Produces
    @Singleton
    Deduplicator deduplicator(Fingerprinter fingerprinter, SharedIndex index, BenchmarkIndex benchmarks,
            DedupConfig config) {
        return new Deduplicator(fingerprinter, index, benchmarks, config.scope(), config.index().unavailableTimeout());
    }

    @Produces
    @Singleton
    RunStatistics statistics(RemoteCacheManager manager, MinHashScheme scheme) {
        return new RunStatistics(RemoteCounterManagerFactory.asCounterManager(manager), scheme.tag());
    }
}
