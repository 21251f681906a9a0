package io.synthsmith.solver.solving;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.ChatResult;
import io.synthsmith.llm.LlmException;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.candidates.CandidateShares;
import io.synthsmith.solver.candidates.DropReason;
import io.synthsmith.solver.candidates.Screening;
import io.synthsmith.solver.llm.ModelClients;
import io.synthsmith.solver.prompts.PromptTemplates;
import io.synthsmith.solver.prompts.SolverPrompts;
import io.synthsmith.solver.testsources.TestSourceParsing;
import io.synthsmith.solver.testsources.TestSourceReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Solves one task: asks every solver model of the task's run for its share of the candidates (one request with
 * {@code n} each) and, at the same time, asks for direct test inputs, an input generator, an input validator and a
 * brute-force reference. When every call has ended it screens the answers and decides: a {@code solved} message, or
 * a rejection ({@code llm_failed}, {@code too_few_candidates}, {@code oversize}). A brute force that fails or is
 * unusable is recorded in {@code missingTestSources} and does not stop the task.
 *
 * <p>Ids are deterministic: the solved message takes the task's id (its record key downstream), each candidate
 * an id derived from the task id and its position, and a rejection one derived from the task id and the reason, so
 * a redelivered task yields the same ids.
 */
public final class TaskSolver {

    /** The stage name in lineage, rejections and LLM metrics. */
    public static final String STAGE = "solver";

    private final ModelClients clients;
    private final SolverPrompts prompts;
    private final CandidateScreen screen;
    private final SolverMetrics metrics;
    private final MessageCodec codec;
    private final Clock clock;
    private final int directInputs;
    private final int maxSolvedBytes;

    public TaskSolver(ModelClients clients, CandidateScreen screen, SolverMetrics metrics, MessageCodec codec,
            Clock clock, int directInputs, int maxSolvedBytes) {
        this.clients = clients;
        this.prompts = new SolverPrompts(PromptTemplates.current());
        this.screen = screen;
        this.metrics = metrics;
        this.codec = codec;
        this.clock = clock;
        this.directInputs = directInputs;
        this.maxSolvedBytes = maxSolvedBytes;
    }

    /** Solves {@code task}, blocking the calling (virtual) thread until all of its LLM calls have ended. */
    public SolveOutcome solve(Task task) {
        metrics.taskStarted();
        long[] tokens = {0};
        try {
            return decide(task, tokens);
        } finally {
            metrics.taskFinished(tokens[0]);
        }
    }

    private SolveOutcome decide(Task task, long[] tokens) {
        RunConfig run = task.runConfig();
        Language language = run.language();
        List<String> models = run.models().solver().isEmpty() ? List.of(clients.defaultModel())
                : run.models().solver();
        List<CandidateShares.Share> shares = CandidateShares.split(run.candidatesPerTask(), models);
        String testModel = shares.get(0).model();

        ChatRequest candidateRequest = prompts.candidates(task, language);
        List<CompletableFuture<Call>> candidateCalls = new ArrayList<>();
        for (CandidateShares.Share share : shares) {
            candidateCalls.add(call("candidates", share.model(), candidateRequest.withSamples(share.count())));
        }
        CompletableFuture<Call> directCall = call("direct_inputs", testModel, prompts.directInputs(task, directInputs));
        CompletableFuture<Call> generatorCall = call("generator", testModel, prompts.generator(task));
        CompletableFuture<Call> validatorCall = call("validator", testModel, prompts.validator(task));
        CompletableFuture<Call> bruteForceCall = call("brute_force", testModel, prompts.bruteForce(task));
        List<CompletableFuture<Call>> all = new ArrayList<>(candidateCalls);
        all.addAll(List.of(directCall, generatorCall, validatorCall, bruteForceCall));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        for (CompletableFuture<Call> call : all) {
            if (call.join() instanceof Call.Answered answered) {
                tokens[0] += answered.result().usage().totalTokens();
            }
        }
        Instant now = clock.instant();

        List<Candidate> kept = new ArrayList<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        Set<String> modelsUsed = new LinkedHashSet<>();
        Call.Failed firstCandidateFailure = null;
        int position = 0;
        for (int i = 0; i < shares.size(); i++) {
            CandidateShares.Share share = shares.get(i);
            Call outcome = candidateCalls.get(i).join();
            if (outcome instanceof Call.Failed failed) {
                firstCandidateFailure = firstCandidateFailure == null ? failed : firstCandidateFailure;
                dropped.merge(DropReason.LLM_FAILED.wire(), share.count(), Integer::sum);
                metrics.candidatesDropped(DropReason.LLM_FAILED.wire(), share.count());
                position += share.count();
                continue;
            }
            ChatResult result = ((Call.Answered) outcome).result();
            modelsUsed.add(share.model());
            Candidate.TokenUsage usage = perChoice(result);
            for (ChatChoice choice : result.choices()) {
                position++;
                String id = Ids.derive("candidate", task.id(), String.valueOf(position));
                switch (screen.screen(choice, task, language, share.model(), id, usage)) {
                    case Screening.Kept keep -> {
                        kept.add(keep.candidate());
                        metrics.candidateKept();
                    }
                    case Screening.Dropped drop -> {
                        dropped.merge(drop.reason().wire(), 1, Integer::sum);
                        metrics.candidatesDropped(drop.reason().wire(), 1);
                    }
                }
            }
        }

        if (firstCandidateFailure != null && modelsUsed.isEmpty()) {
            return llmFailed(task, firstCandidateFailure, now);
        }
        for (CompletableFuture<Call> testCall : List.of(directCall, generatorCall, validatorCall)) {
            if (testCall.join() instanceof Call.Failed failed) {
                return llmFailed(task, failed, now);
            }
        }
        int required = run.minUsableCandidates();
        if (kept.size() < required) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("usable", kept.size());
            evidence.put("required", required);
            evidence.put("asked", run.candidatesPerTask());
            evidence.put("dropped", dropped);
            return new SolveOutcome.Rejection(Rejections.of(STAGE, Rejected.Reason.TOO_FEW_CANDIDATES,
                    kept.size() + " usable candidates of " + run.candidatesPerTask() + " asked, fewer than the "
                            + required + " the run requires (minUsableCandidates); dropped: " + dropped,
                    task, evidence, now));
        }

        Map<String, String> missing = new LinkedHashMap<>();
        modelsUsed.add(testModel);
        List<String> inputs = switch (TestSourceParsing.directInputs(answer(directCall))) {
            case TestSourceReply.Usable<List<String>> usable -> usable.value();
            case TestSourceReply.Unusable<List<String>> unusable -> {
                missing.put("directInputs", unusable.why());
                yield List.of();
            }
        };
        Solved.Program generator = program("generator", generatorCall, testModel, missing);
        Solved.Program validator = program("validator", validatorCall, testModel, missing);
        Solved.Program bruteForce = null;
        if (bruteForceCall.join() instanceof Call.Failed failed) {
            missing.put("bruteForce", "the call failed: " + failed.error().getMessage());
        } else {
            bruteForce = program("bruteForce", bruteForceCall, testModel, missing);
        }
        missing.keySet().forEach(metrics::testSourceMissing);

        Lineage lineage = (task.lineage() == null ? Lineage.empty() : task.lineage())
                .next(STAGE, task.id(), task.id(), now);
        for (String model : modelsUsed) {
            lineage = lineage.withModel(STAGE, model);
        }
        Solved solved = new Solved(Solved.SCHEMA, task.runId(), task.id(), lineage, now, task, kept,
                new Solved.TestSources(task.samples(), inputs, generator, validator, bruteForce), dropped, missing,
                PromptTemplates.VERSION);
        int size = codec.encode(solved).length;
        if (size > maxSolvedBytes) {
            return new SolveOutcome.Rejection(Rejections.of(STAGE, Rejected.Reason.OVERSIZE, "the solved message "
                    + "would be " + size + " bytes, more than synthsmith.solver.max-solved-bytes = " + maxSolvedBytes
                    + "; lower the run's candidatesPerTask or the endpoint's max-tokens", task,
                    Map.of("bytes", size, "limit", maxSolvedBytes), now));
        }
        return new SolveOutcome.Solved(solved);
    }

    private Solved.Program program(String source, CompletableFuture<Call> call, String model,
            Map<String, String> missing) {
        return switch (TestSourceParsing.program(answer(call), model)) {
            case TestSourceReply.Usable<Solved.Program> usable -> usable.value();
            case TestSourceReply.Unusable<Solved.Program> unusable -> {
                missing.put(source, unusable.why());
                yield null;
            }
        };
    }

    private static ChatChoice answer(CompletableFuture<Call> call) {
        return ((Call.Answered) call.join()).result().first();
    }

    /** Servers report usage per request; each choice is credited an even share of it. */
    private static Candidate.TokenUsage perChoice(ChatResult result) {
        int n = result.choices().size();
        return new Candidate.TokenUsage(result.usage().promptTokens() / n, result.usage().completionTokens() / n,
                result.usage().reasoningTokens().isPresent() ? result.usage().reasoningTokens().getAsLong() / n : null);
    }

    private SolveOutcome llmFailed(Task task, Call.Failed failed, Instant now) {
        LlmException error = failed.error();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("call", failed.call());
        evidence.put("model", failed.model());
        evidence.put("error", error.getClass().getSimpleName());
        evidence.put("attempts", error.attempts());
        evidence.put("lastFailure", error.lastFailure().kind());
        error.status().ifPresent(status -> evidence.put("status", status));
        if (error instanceof LlmException.GaveUp gaveUp) {
            evidence.put("exhausted", gaveUp.exhausted().name());
        }
        return new SolveOutcome.Rejection(Rejections.of(STAGE, Rejected.Reason.LLM_FAILED,
                "the " + failed.call() + " call to model '" + failed.model() + "' failed: " + error.getMessage(),
                task, evidence, now));
    }

    private CompletableFuture<Call> call(String kind, String model, ChatRequest request) {
        long started = System.nanoTime();
        return clients.forModel(model).chat(request).toCompletableFuture().handle((result, error) -> {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            metrics.llmCall(kind, error == null, latency);
            if (error == null) {
                return new Call.Answered(result);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause instanceof LlmException llm) {
                return new Call.Failed(kind, model, llm);
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    /** How one LLM call ended. */
    private sealed interface Call {
        record Answered(ChatResult result) implements Call {
        }

        record Failed(String call, String model, LlmException error) implements Call {
        }
    }
}
