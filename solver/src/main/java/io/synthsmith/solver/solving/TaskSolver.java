package io.synthsmith.solver.solving;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.ChatResult;
import io.synthsmith.llm.LlmException;
import io.synthsmith.llm.TokenUsage;
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
import io.synthsmith.solver.candidates.PythonSyntax;
import io.synthsmith.solver.candidates.Screening;
import io.synthsmith.solver.llm.ModelClients;
import io.synthsmith.solver.probe.ProbeAttempts;
import io.synthsmith.solver.prompts.PromptTemplates;
import io.synthsmith.solver.prompts.SolverPrompts;
import io.synthsmith.solver.testsources.TestSourceParsing;
import io.synthsmith.solver.testsources.TestSourceReply;
import io.synthsmith.solver.testsources.TestSourceRetries;
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
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Solves one task: asks every solver model of the task's run for its share of the candidates (one request with
 * {@code n} each) and, at the same time, asks for direct test inputs, an input generator, an input validator and a
 * brute-force reference. When every call has ended it screens the answers and decides: a {@code solved} message, or
 * a rejection ({@code llm_failed}, {@code too_few_candidates}, {@code oversize}). A brute force that fails or is
 * unusable is recorded in {@code missingTestSources} and does not stop the task. When the run names a probe, its
 * attempts (asked with the candidates' prompt) go into {@code solved.probe} and their tokens into the lineage's cost;
 * a failed probe call is recorded there and does not stop the task either.
 *
 * <p>Ids are deterministic: the solved message takes the task's id (its record key downstream), each candidate
 * an id derived from the task id and its position, and a rejection one derived from the task id and the reason, so
 * a redelivered task yields the same ids.
 */
public final class TaskSolver {

    /** The stage name in lineage, rejections and LLM metrics. */
    public static final String STAGE = "solver";

    private static final Logger LOG = Logger.getLogger(TaskSolver.class);

    private final ModelClients clients;
    private final SolverPrompts prompts;
    private final CandidateScreen screen;
    private final SolverMetrics metrics;
    private final MessageCodec codec;
    private final Clock clock;
    private final int directInputs;
    private final int maxSolvedBytes;
    private final PythonSyntax pythonSyntax;
    private final TestSourceRetries testSources;
    private double truncatedRetryFactor = 2.0;
    private ProbeAttempts probe;

    public TaskSolver(ModelClients clients, CandidateScreen screen, SolverMetrics metrics, MessageCodec codec,
            Clock clock, int directInputs, int maxSolvedBytes) {
        this(clients, screen, metrics, codec, clock, directInputs, maxSolvedBytes, PythonSyntax.disabled(), 2);
    }

    /**
     * @param pythonSyntax       the syntax check of generated Python programs (generator, validator)
     * @param testSourceAttempts replies asked for at most per test source
     */
    public TaskSolver(ModelClients clients, CandidateScreen screen, SolverMetrics metrics, MessageCodec codec,
            Clock clock, int directInputs, int maxSolvedBytes, PythonSyntax pythonSyntax, int testSourceAttempts) {
        this.clients = clients;
        this.prompts = new SolverPrompts(PromptTemplates.current());
        this.screen = screen;
        this.metrics = metrics;
        this.codec = codec;
        this.clock = clock;
        this.directInputs = directInputs;
        this.maxSolvedBytes = maxSolvedBytes;
        this.pythonSyntax = pythonSyntax;
        this.testSources = new TestSourceRetries(prompts, testSourceAttempts);
    }

    /**
     * This solver retrying truncated candidates once with {@code factor} times the token budget (1 or less: no
     * retry). Returns this solver.
     */
    public TaskSolver withTruncatedRetryFactor(double factor) {
        this.truncatedRetryFactor = factor;
        return this;
    }

    /**
     * This solver asking the probe of runs that name one ({@code run.probe}) for its attempts at each task, beside the
     * candidates; without it a run's probe is ignored. Returns this solver.
     */
    public TaskSolver withProbe(ProbeAttempts attempts) {
        this.probe = attempts;
        return this;
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
            candidateCalls.add(candidates(task, share.model(), candidateRequest.withSamples(share.count())));
        }
        var directCall = testSource(task, "direct_inputs", testModel, prompts.directInputs(task, directInputs),
                TestSourceParsing::directInputs);
        var generatorCall = testSource(task, "generator", testModel, prompts.generator(task),
                choice -> TestSourceParsing.program(choice, testModel, pythonSyntax));
        var validatorCall = testSource(task, "validator", testModel, prompts.validator(task),
                choice -> TestSourceParsing.program(choice, testModel, pythonSyntax));
        var bruteForceCall = testSource(task, "brute_force", testModel, prompts.bruteForce(task),
                choice -> TestSourceParsing.program(choice, testModel, pythonSyntax));
        CompletableFuture<Solved.Probe> probeCall = probe == null || run.probe() == null
                ? CompletableFuture.completedFuture(null)
                : probe.ask(task, run.probe(), candidateRequest, language);
        List<CompletableFuture<?>> all = new ArrayList<>(candidateCalls);
        all.addAll(List.of(directCall, generatorCall, validatorCall, bruteForceCall, probeCall));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        for (CompletableFuture<Call> call : candidateCalls) {
            if (call.join() instanceof Call.Answered answered) {
                tokens[0] += answered.result().usage().totalTokens();
            }
        }
        for (var source : List.of(directCall.join(), generatorCall.join(), validatorCall.join(),
                bruteForceCall.join())) {
            tokens[0] += source.tokens();
        }
        Solved.Probe probeAttempts = probeCall.join();
        Lineage.Cost probeCost = probeAttempts == null ? null : ProbeAttempts.cost(probeAttempts);
        if (probeCost != null) {
            tokens[0] += probeCost.promptTokens() + probeCost.completionTokens();
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
            boolean returnsReasoning = clients.forModel(share.model()).settings().modelDialect().returnsReasoning();
            for (ChatChoice choice : result.choices()) {
                position++;
                String id = Ids.derive("candidate", task.id(), String.valueOf(position));
                switch (screen.screen(choice, task, language, share.model(), id, usage(choice), returnsReasoning)) {
                    case Screening.Kept keep -> {
                        kept.add(keep.candidate());
                        metrics.candidateKept();
                    }
                    case Screening.Dropped drop -> {
                        dropped.merge(drop.reason().wire(), 1, Integer::sum);
                        metrics.candidatesDropped(drop.reason().wire(), 1);
                        LOG.infof("task %s: candidate %d of model %s dropped as %s: %s (reply %s)", task.id(),
                                position, share.model(), drop.reason().wire(), drop.detail(),
                                String.join(",", result.responseIds()));
                    }
                }
            }
        }

        if (firstCandidateFailure != null && modelsUsed.isEmpty()) {
            return llmFailed(task, firstCandidateFailure, now);
        }
        boolean enoughInputs = directCall.join().reply() instanceof TestSourceReply.Usable<List<String>>
                || generatorCall.join().reply() instanceof TestSourceReply.Usable<Solved.Program>;
        List<Map.Entry<String, TestSourceRetries.Outcome<?>>> sources = List.of(
                Map.entry("direct_inputs", directCall.join()), Map.entry("generator", generatorCall.join()),
                Map.entry("validator", validatorCall.join()));
        for (var source : sources) {
            if (!enoughInputs && source.getValue().reply() == null) {
                return llmFailed(task, new Call.Failed(source.getKey(), testModel, source.getValue().failure()), now);
            }
        }
        int required = run.minUsableCandidates();
        if (kept.size() < required) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("usable", kept.size());
            evidence.put("required", required);
            evidence.put("asked", run.candidatesPerTask());
            evidence.put("dropped", dropped);
            LOG.infof("task %s rejected as too_few_candidates: %d usable of %d asked, %d required; dropped %s",
                    task.id(), kept.size(), run.candidatesPerTask(), required, dropped);
            return new SolveOutcome.Rejection(Rejections.of(STAGE, Rejected.Reason.TOO_FEW_CANDIDATES,
                    kept.size() + " usable candidates of " + run.candidatesPerTask() + " asked, fewer than the "
                            + required + " the run requires (minUsableCandidates); dropped: " + dropped,
                    task, evidence, now));
        }

        Map<String, String> missing = new LinkedHashMap<>();
        modelsUsed.add(testModel);
        List<String> inputs = sourceValue("directInputs", directCall.join(), missing);
        inputs = inputs == null ? List.of() : inputs;
        Solved.Program generator = sourceValue("generator", generatorCall.join(), missing);
        Solved.Program validator = sourceValue("validator", validatorCall.join(), missing);
        Solved.Program bruteForce = sourceValue("bruteForce", bruteForceCall.join(), missing);
        missing.keySet().forEach(metrics::testSourceMissing);

        Lineage lineage = (task.lineage() == null ? Lineage.empty() : task.lineage())
                .next(STAGE, task.id(), task.id(), now);
        for (String model : modelsUsed) {
            lineage = lineage.withModel(STAGE, model);
        }
        lineage = lineage.withCost(probeCost);
        Solved solved = new Solved(Solved.SCHEMA, task.runId(), task.id(), lineage, now, task, kept,
                new Solved.TestSources(task.samples(), inputs, generator, validator, bruteForce), dropped, missing,
                PromptTemplates.VERSION, probeAttempts);
        int size = codec.encode(solved).length;
        if (size > maxSolvedBytes) {
            LOG.infof("task %s rejected as oversize: the solved message would be %d bytes, limit %d", task.id(), size,
                    maxSolvedBytes);
            return new SolveOutcome.Rejection(Rejections.of(STAGE, Rejected.Reason.OVERSIZE, "the solved message "
                    + "would be " + size + " bytes, more than synthsmith.solver.max-solved-bytes = " + maxSolvedBytes
                    + "; lower the run's candidatesPerTask or the endpoint's max-tokens", task,
                    Map.of("bytes", size, "limit", maxSolvedBytes), now));
        }
        return new SolveOutcome.Solved(solved);
    }

    /** The usable value of a test source, or {@code null} with why it is missing put in {@code missing}. */
    private static <T> T sourceValue(String source, TestSourceRetries.Outcome<T> outcome, Map<String, String> missing) {
        if (outcome.reply() instanceof TestSourceReply.Usable<T> usable) {
            return usable.value();
        }
        missing.put(source, outcome.why());
        return null;
    }

    private <T> CompletableFuture<TestSourceRetries.Outcome<T>> testSource(Task task, String kind, String model,
            ChatRequest request, Function<ChatChoice, TestSourceReply<T>> parse) {
        return testSources.ask(kind, task.id(), request, asked -> call(kind, model, asked).thenApply(call ->
                switch (call) {
                    case Call.Answered answered -> new TestSourceRetries.Answer(answered.result(), null);
                    case Call.Failed failed -> new TestSourceRetries.Answer(null, failed.error());
                }), parse);
    }

    /** The choice's share of its request's tokens (the client splits the usage by what each choice wrote). */
    private static Candidate.TokenUsage usage(ChatChoice choice) {
        TokenUsage usage = choice.usage();
        return new Candidate.TokenUsage(usage.promptTokens(), usage.completionTokens(),
                usage.reasoningTokens().isPresent() ? usage.reasoningTokens().getAsLong() : null);
    }

    /**
     * The candidates call, with its truncated choices ({@code finish_reason: length}) asked again once, with
     * {@code n} = their count and the token budget times {@code truncatedRetryFactor}; the retry's choices take
     * their places. A failed retry leaves the truncated ones (they are dropped as {@code truncated}).
     */
    private CompletableFuture<Call> candidates(Task task, String model, ChatRequest request) {
        return call("candidates", model, request).thenCompose(first -> {
            if (!(first instanceof Call.Answered answered) || truncatedRetryFactor <= 1) {
                return CompletableFuture.completedFuture(first);
            }
            ChatResult result = answered.result();
            long truncated = result.choices().stream().filter(ChatChoice::truncated).count();
            if (truncated == 0) {
                return CompletableFuture.completedFuture(first);
            }
            Integer budget = clients.forModel(model).settings().sampling().overriddenBy(request.sampling())
                    .maxTokens();
            if (budget == null) {
                LOG.infof("task %s: %d of %d candidates of model %s were cut by the token limit (reply %s); no retry: "
                                + "synthsmith.solver.llm.max-tokens is unset, so there is no budget to enlarge",
                        task.id(), truncated, result.choices().size(), model, String.join(",", result.responseIds()));
                return CompletableFuture.completedFuture(first);
            }
            int larger = (int) Math.min(Integer.MAX_VALUE, Math.round(budget * truncatedRetryFactor));
            LOG.infof("task %s: %d of %d candidates of model %s were cut by the token limit of %d (reply %s); asking "
                            + "for %d again with a budget of %d", task.id(), truncated, result.choices().size(), model,
                    budget, String.join(",", result.responseIds()), truncated, larger);
            ChatRequest retry = request.withSamples((int) truncated)
                    .withSampling(request.sampling().withMaxTokens(larger));
            return call("candidates", model, retry).thenApply(second -> {
                if (!(second instanceof Call.Answered again)) {
                    return first;
                }
                List<ChatChoice> choices = new ArrayList<>();
                result.choices().stream().filter(choice -> !choice.truncated()).forEach(choices::add);
                choices.addAll(again.result().choices());
                List<String> ids = new ArrayList<>(result.responseIds());
                ids.addAll(again.result().responseIds());
                return new Call.Answered(new ChatResult(result.model(), choices, result.usage()
                        .plus(again.result().usage()), result.latency().plus(again.result().latency()),
                        result.attempts() + again.result().attempts(), ids));
            });
        });
    }

    private SolveOutcome llmFailed(Task task, Call.Failed failed, Instant now) {
        LlmException error = failed.error();
        LOG.infof("task %s rejected as llm_failed: the %s call to model %s failed: %s", task.id(), failed.call(),
                failed.model(), error.getMessage());
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
