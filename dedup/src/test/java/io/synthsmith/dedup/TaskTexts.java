package io.synthsmith.dedup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Task statements written for these tests (no benchmark text): an original and its variants. */
public final class TaskTexts {

    public static final Path DIR = Path.of("src/test/resources/tasks");

    private TaskTexts() {
    }

    /** The original: range additions over lights, then the k brightest. */
    public static String original() {
        return read("original.txt");
    }

    /** The original with every variable renamed and other sample numbers. */
    public static String renamedVariables() {
        return read("renamed-variables.txt");
    }

    /** The original with some words changed (lamps for lights, output for print) and no examples. */
    public static String reworded() {
        return read("reworded.txt");
    }

    /** The same formal task (range additions, k largest) told as a story about fields and grain. */
    public static String newStory() {
        return read("new-story.txt");
    }

    /** A different task on the same topic and in the same setting: range sums over houses. */
    public static String sameTopic() {
        return read("same-topic.txt");
    }

    public static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
