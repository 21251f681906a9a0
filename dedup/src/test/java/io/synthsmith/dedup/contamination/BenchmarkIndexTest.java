package io.synthsmith.dedup.contamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.dedup.TaskTexts;
import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkIndexTest {

    private final Fingerprinter fingerprinter = new Fingerprinter(MinHashScheme.defaults());
    private final BenchmarkFiles files = new BenchmarkFiles("id", List.of("statement", "question_content"));
    private final BenchmarkIndex index = new BenchmarkIndex(files.read(TaskTexts.DIR.resolve("benchmark.jsonl")),
            fingerprinter, 13, 0.7);

    @Test
    void aTaskThatQuotesThirteenWordsOfABenchmarkProblemIsContaminated() {
        String task = "Towers again. A jump from tower i to tower j is allowed when every tower strictly between"
                + " them is lower than both. Count the towers that can see the sea.";

        Verdict.Contaminated found = index.check(fingerprinter.of(task)).orElseThrow();

        assertThat(found.benchmark()).isEqualTo("benchmark");
        assertThat(found.benchmarkId()).isEqualTo("own-002");
        assertThat(found.ngram()).isEqualTo("x jump from tower x to tower x is allowed when every tower");
        assertThat(found.similarity()).isNull();
    }

    @Test
    void aCopyShorterThanAnNgramIsFoundByItsSimilarity() {
        String copy = "Given a string s of lowercase letters, find the length of the longest substring in which"
                + " every letter appears an even number of times. The string has at most 200000 characters and the"
                + " answer fits in a 32 bit integer, print it on one line.";

        BenchmarkIndex longNgrams = new BenchmarkIndex(files.read(TaskTexts.DIR.resolve("benchmark.jsonl")),
                fingerprinter, 60, 0.7);

        Verdict.Contaminated found = longNgrams.check(fingerprinter.of(copy)).orElseThrow();

        assertThat(found.benchmarkId()).isEqualTo("own-001");
        assertThat(found.ngram()).isNull();
        assertThat(found.similarity()).isEqualTo(1.0);
    }

    @Test
    void aTaskOfItsOwnIsClean() {
        assertThat(index.check(fingerprinter.of(TaskTexts.original()))).isEmpty();
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aLineWithoutTextNamesTheFileTheLineAndTheSetting(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lcb.jsonl");
        Files.writeString(file, "{\"id\": \"a\", \"statement\": \"fine\"}\n{\"id\": \"b\", \"body\": \"x\"}\n");

        assertThatThrownBy(() -> files.read(file))
                .hasMessageContaining("line 2")
                .hasMessageContaining("id b")
                .hasMessageContaining("synthsmith.dedup.decontamination.text-fields");
    }
}
