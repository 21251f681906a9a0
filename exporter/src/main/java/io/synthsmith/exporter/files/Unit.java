package io.synthsmith.exporter.files;

/** Where a record of a run goes in its directory: SFT shards, RL shards of the main, easy or hard split, or the rejection counts. */
public enum Unit {
    SFT("sft"),
    RL_MAIN("rl/main"),
    RL_EASY("rl/easy"),
    RL_HARD("rl/hard"),
    REJECTED(null);

    private final String directory;

    Unit(String directory) {
        this.directory = directory;
    }

    /** The shard directory under the run's directory, or null for a unit without shards. */
    public String directory() {
        return directory;
    }

    public String key() {
        return name().toLowerCase();
    }
}
