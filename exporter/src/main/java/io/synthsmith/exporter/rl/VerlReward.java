package io.synthsmith.exporter.rl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code verl_reward.py}, the reward function shipped beside every run's dataset files: verl's
 * {@code custom_reward_function} loads it and calls {@code compute_score(data_source, solution_str, ground_truth,
 * extra_info)} on each RL row (see the file's docstring for what it runs and how it scores).
 */
public final class VerlReward {

    /** Its file name in the run's directory. */
    public static final String FILE_NAME = "verl_reward.py";

    private static final String RESOURCE = "/verl/verl_reward.py";
    private static final byte[] SOURCE = load();

    private VerlReward() {
    }

    /** The file's content. */
    public static byte[] source() {
        return SOURCE.clone();
    }

    private static byte[] load() {
        try (InputStream in = VerlReward.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the exporter's classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
