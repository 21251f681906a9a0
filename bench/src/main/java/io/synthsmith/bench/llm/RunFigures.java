package io.synthsmith.bench.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one measured run did.
 *
 * @param requests    requests sent
 * @param nanos       wall time from the first request to the last answer
 * @param errors      requests that failed for good
 * @param maxInFlight the most HTTP requests in flight at once
 */
record RunFigures(int requests, long nanos, int errors, int maxInFlight) {

    double seconds() {
        return nanos / 1e9;
    }

    double requestsPerSecond() {
        return requests / seconds();
    }

    ObjectNode writeTo(ObjectNode json) {
        return json.put("requests", requests)
                .put("seconds", round(seconds()))
                .put("requests_per_second", round(requestsPerSecond()))
                .put("max_in_flight", maxInFlight)
                .put("errors", errors);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
