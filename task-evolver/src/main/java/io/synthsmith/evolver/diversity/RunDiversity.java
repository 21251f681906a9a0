package io.synthsmith.evolver.diversity;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The diversity of each run's tasks as this replica generated them since it started, per run, as gauges
 * ({@code synthsmith.task-evolver.diversity.*}, tag {@code run}) and for the run summary of {@code GET /runs}.
 */
public final class RunDiversity {

    private final Map<String, FeatureUse> runs = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public RunDiversity(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A task of {@code runId} generated from {@code featurePaths}, sampled from a tree of {@code treeLeaves} leaves. */
    public void record(String runId, List<String> featurePaths, int treeLeaves) {
        runs.computeIfAbsent(runId, this::register).record(featurePaths, treeLeaves);
    }

    /** The diversity of run {@code runId}; empty when this replica generated none of its tasks. */
    public Optional<Diversity> of(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(FeatureUse::diversity);
    }

    /** Every run this replica generated tasks for, by run id. */
    public Map<String, Diversity> all() {
        Map<String, Diversity> all = new TreeMap<>();
        runs.forEach((runId, use) -> all.put(runId, use.diversity()));
        return all;
    }

    private FeatureUse register(String runId) {
        FeatureUse use = new FeatureUse();
        gauge("tasks", "Tasks generated for the run by this replica", runId, use, Diversity::tasks);
        gauge("combinations", "Distinct feature combinations among them", runId, use,
                Diversity::distinctCombinations);
        gauge("features", "Distinct features they selected", runId, use, Diversity::featuresUsed);
        gauge("coverage", "Share of the tree's leaves selected at least once", runId, use, Diversity::leafCoverage);
        gauge("entropy", "Shannon entropy of feature use, in bits", runId, use, Diversity::entropyBits);
        gauge("evenness", "Entropy of feature use over log2 of the tree's leaves", runId, use, Diversity::evenness);
        gauge("gini", "Gini coefficient of use counts over the features used", runId, use, Diversity::gini);
        return use;
    }

    private void gauge(String name, String description, String runId, FeatureUse use,
            ToDoubleFunction<Diversity> value) {
        Gauge.builder("synthsmith.task-evolver.diversity." + name, use, u -> value.applyAsDouble(u.diversity()))
                .description(description).tag("run", runId).register(registry);
    }
}
