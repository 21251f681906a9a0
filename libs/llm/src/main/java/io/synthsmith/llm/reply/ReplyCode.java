package io.synthsmith.llm.reply;

import java.util.List;

/**
 * Finds the code of an LLM's answer: the last complete fenced block tagged with the requested language. Blocks of
 * other languages and text blocks ({@code ```text}, {@code ```bash}, {@code ```json}, sample runs) are ignored. When
 * no block carries the language's tag, the last untagged block that looks like code in the language is taken. A
 * block of the language that is opened and never closed, with no complete one before it, means the answer was cut.
 */
public final class ReplyCode {

    private ReplyCode() {
    }

    /** The code block in {@code language} of {@code reply}, or why there is none. */
    public static CodeBlockExtraction lastBlock(String reply, CodeLanguage language) {
        List<MarkdownFences.Fence> fences = MarkdownFences.scan(reply);
        if (fences.isEmpty()) {
            return new CodeBlockExtraction.None();
        }
        MarkdownFences.Fence tagged = null;
        MarkdownFences.Fence untagged = null;
        MarkdownFences.Fence open = null;
        for (MarkdownFences.Fence fence : fences) {
            boolean wanted = language.isTag(fence.language());
            boolean plainCode = fence.language().isEmpty() && language.looksLikeCode(fence.content());
            if (!fence.closed()) {
                open = wanted || fence.language().isEmpty() ? fence : open;
            } else if (wanted) {
                tagged = fence;
            } else if (plainCode) {
                untagged = fence;
            }
        }
        MarkdownFences.Fence chosen = tagged != null ? tagged : untagged;
        if (chosen != null) {
            return new CodeBlockExtraction.Found(chosen.language(), chosen.content(), chosen.openingLine());
        }
        if (open != null) {
            return new CodeBlockExtraction.Unterminated(open.language(), open.openingLine());
        }
        return new CodeBlockExtraction.OtherLanguages(language.name().toLowerCase(java.util.Locale.ROOT),
                fences.stream().map(MarkdownFences.Fence::language).toList(),
                fences.stream().map(MarkdownFences.Fence::openingLine).toList());
    }
}
