package io.synthsmith.dedup.contamination;

/** One problem of a benchmark set: the set's name (its file name without extension), its id and its text. */
public record BenchmarkProblem(String benchmark, String id, String statement) {
}
