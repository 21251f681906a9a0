package io.synthsmith.evolver.tree;

import io.synthsmith.evolver.runs.RunConfigStore;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /features?runId=}: the feature tree a run uses, read from Infinispan now. */
@Path("/features")
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {

    private final FeatureTreeStore trees;
    private final RunConfigStore runs;

    public FeaturesResource(FeatureTreeStore trees, RunConfigStore runs) {
        this.trees = trees;
        this.runs = runs;
    }

    /** Size, depth, leaves, edges, the {@code top} most frequent features, and the tree as nested JSON. */
    @GET
    public Map<String, Object> features(@QueryParam("runId") String runId, @QueryParam("top") @DefaultValue("20") int top) {
        if (runId == null || runId.isBlank()) {
            throw new BadRequestException("give the run: GET /features?runId=<run id>");
        }
        String treeId = FeatureTreeStore.treeIdOf(runs.resolve(runId));
        TreeSnapshot tree = trees.load(treeId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("runId", runId);
        view.put("treeId", treeId);
        view.put("size", tree.size());
        view.put("depth", tree.depth());
        view.put("leaves", tree.leaves().size());
        view.put("edges", tree.edgeCount());
        view.put("topFeatures", tree.top(Math.max(0, top)).stream()
                .map(node -> Map.of("path", node.path().toString(), "frequency", node.frequency())).toList());
        view.put("tree", tree.asNested());
        return view;
    }
}
