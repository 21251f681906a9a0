package io.synthsmith.messaging.deadletter;

/**
 * A record a service cannot process: where it came from, its original key and value, and why.
 *
 * @param kind  a contract violation kind, or {@link DeadLetterHeaders#PROCESSING_FAILED}
 * @param field the JSON path to blame, or null
 */
public record DeadLetter(String sourceTopic, int partition, long offset, String key, byte[] value, String kind,
        String field, String error) {
}
