package io.synthsmith.llm.reply;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A language a reply's code is asked in: the fence tags that name it, and how an untagged block that holds its
 * code looks (so that an untagged sample or run line is not taken for the program).
 */
public enum CodeLanguage {
    PYTHON(Set.of("python", "python3", "py", "py3"),
            Pattern.compile("(?m)^\\s*(?:def |class |import |from \\S+ import |for |while |if |print\\(|return\\b)"
                    + "|\\binput\\(\\)|sys\\.stdin")),
    CPP(Set.of("cpp", "c++", "cc", "cxx", "c++17", "c++20", "c++14", "c++11", "h", "hpp"),
            Pattern.compile("(?m)^\\s*(?:#include|using namespace|int main|class |struct |template\\s*<)|;\\s*$"));

    private final Set<String> tags;
    private final Pattern codeMarker;

    CodeLanguage(Set<String> tags, Pattern codeMarker) {
        this.tags = tags;
        this.codeMarker = codeMarker;
    }

    /** Whether a fence tag (any case) names this language. */
    public boolean isTag(String tag) {
        return tags.contains(tag.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether an untagged block's content looks like code in this language rather than data or prose. */
    boolean looksLikeCode(String content) {
        return codeMarker.matcher(content).find();
    }
}
