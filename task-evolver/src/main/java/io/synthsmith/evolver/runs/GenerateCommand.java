package io.synthsmith.evolver.runs;

/**
 * The body of {@code POST /runs/{runId}/generate}: how many tasks to generate from the run's current tree, and an
 * optional batch name. The request ids derive from run, batch and index, so posting the same batch again asks for
 * the same tasks (idempotent); without a batch name, each call is a new batch.
 */
public record GenerateCommand(Integer count, String batch) {
}
