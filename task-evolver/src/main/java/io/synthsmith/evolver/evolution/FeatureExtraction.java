package io.synthsmith.evolver.evolution;

import io.synthsmith.evolver.features.ExtractedFeatures;
import io.synthsmith.evolver.features.FeatureCategory;
import io.synthsmith.evolver.features.FeatureTreeReader;
import io.synthsmith.evolver.llm.Exchange;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Seed;
import java.util.Map;

/**
 * Stage 2 of the method, and SynthLLM's concept extraction: asks the LLM for the feature tree of a code seed, or
 * the concepts of a document seed, and reads the reply into normalised feature paths.
 */
public final class FeatureExtraction {

    private final LlmConversation llm;
    private final PromptBook prompts;
    private final FeatureTreeReader reader;
    private final int maxDepth;
    private final int maxConcepts;
    private final int maxAttempts;

    public FeatureExtraction(LlmConversation llm, PromptBook prompts, FeatureTreeReader reader, int maxDepth,
            int maxConcepts, int maxAttempts) {
        this.llm = llm;
        this.prompts = prompts;
        this.reader = reader;
        this.maxDepth = maxDepth;
        this.maxConcepts = maxConcepts;
        this.maxAttempts = maxAttempts;
    }

    /** The features of a code seed, or the concepts of a document seed. */
    public Exchange<ExtractedFeatures> extract(Seed seed) {
        String categories = String.join(", ", FeatureCategory.labels());
        return switch (seed.content()) {
            case Seed.Code code -> llm.ask("extraction",
                    prompts.render("extract-features.system", Map.of("categories", categories,
                            "maxDepth", Integer.toString(maxDepth))),
                    prompts.render("extract-features.user", Map.of("runId", seed.runId(),
                            "language", code.language(), "problem", code.problem() == null ? "" : code.problem(),
                            "code", code.snippet())),
                    this::parseFeatures, maxAttempts);
            case Seed.Document document -> llm.ask("extraction",
                    prompts.render("extract-concepts.system", Map.of("categories", categories,
                            "maxDepth", Integer.toString(maxDepth), "maxConcepts", Integer.toString(maxConcepts))),
                    prompts.render("extract-concepts.user", Map.of("runId", seed.runId(),
                            "title", document.title(), "text", document.text())),
                    this::parseConcepts, maxAttempts);
        };
    }

    /** Reads a feature-extraction reply ({@code {"features": {...}}}). */
    public ExtractedFeatures parseFeatures(String answer) {
        return reader.read(ReplyJson.extractObject(answer, "features").orThrow(), "features");
    }

    /** Reads a concept-extraction reply ({@code {"concepts": {...}}}). */
    public ExtractedFeatures parseConcepts(String answer) {
        return reader.read(ReplyJson.extractObject(answer, "concepts").orThrow(), "concepts");
    }
}
