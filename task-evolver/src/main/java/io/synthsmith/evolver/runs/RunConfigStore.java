package io.synthsmith.evolver.runs;

import io.synthsmith.evolver.state.ServerCache;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Run configurations in Infinispan, keyed by run id, as JSON of {@code synthsmith.run/v1}. Every replica reads the
 * same configurations; a run never configured gets the defaults.
 */
public final class RunConfigStore {

    private final ServerCache cache;
    private final MessageCodec codec;

    public RunConfigStore(ServerCache cache, MessageCodec codec) {
        this.cache = cache;
        this.codec = codec;
    }

    /** Stores a run's configuration as given (defaults are applied when it is read). */
    public void put(RunConfig run) {
        cache.get().put(run.runId(), new String(codec.encode(run), StandardCharsets.UTF_8));
    }

    /** The configuration stored for a run, as stored. */
    public Optional<RunConfig> stored(String runId) {
        String json = cache.get().get(runId);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(MessageType.RUN, json.getBytes(StandardCharsets.UTF_8)));
        } catch (ContractViolation e) {
            throw new IllegalStateException("the stored configuration of run " + runId + " in cache " + cache.name()
                    + " breaks synthsmith.run/v1: " + e.getMessage() + "; store it again with PUT /runs/" + runId, e);
        }
    }

    /** Every stored configuration, by run id (sorted). */
    public SortedMap<String, RunConfig> all() {
        SortedMap<String, RunConfig> all = new TreeMap<>();
        for (String runId : cache.get().keySet()) {
            stored(runId).ifPresent(run -> all.put(runId, run));
        }
        return all;
    }

    /** The configuration a run works under: the stored one with defaults filled in, or the defaults. */
    public RunConfig resolve(String runId) {
        return stored(runId).map(RunConfig::withDefaults).orElseGet(() -> RunConfig.defaults(runId));
    }
}
