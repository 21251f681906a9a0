package io.synthsmith.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of a bench command line, checked against the names it knows. */
public final class BenchArguments {

    private final Map<String, String> values;

    private BenchArguments(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads {@code args}; prints {@code usage} and exits on {@code --help}; throws {@link IllegalArgumentException}
     * (with the usage) for an unknown option or one without a value.
     */
    public static BenchArguments parse(String[] args, Set<String> known, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (!known.contains(option)) {
                throw new IllegalArgumentException("unknown option " + option + "\n" + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value\n" + usage);
            }
            values.put(option, args[++i]);
        }
        return new BenchArguments(values);
    }

    public int integer(String option, int otherwise) {
        return values.containsKey(option) ? Integer.parseInt(values.get(option)) : otherwise;
    }

    public String text(String option, String otherwise) {
        return values.getOrDefault(option, otherwise);
    }

    /** A comma-separated list of integers, such as {@code --sizes 1000,100000}. */
    public List<Integer> integers(String option, List<Integer> otherwise) {
        if (!values.containsKey(option)) {
            return otherwise;
        }
        List<Integer> parsed = new ArrayList<>();
        for (String item : values.get(option).split(",")) {
            parsed.add(Integer.parseInt(item.trim()));
        }
        return List.copyOf(parsed);
    }
}
