package io.synthsmith.llm.reply;

import java.util.List;

/** Finds the code of an LLM's answer, which must be exactly one complete fenced code block. */
public final class ReplyCode {

    private ReplyCode() {
    }

    /**
     * The single complete code block of {@code reply}. An unclosed block wins over every other finding (the answer
     * was cut); then no block, several blocks, or the one block.
     */
    public static CodeBlockExtraction singleBlock(String reply) {
        List<MarkdownFences.Fence> fences = MarkdownFences.scan(reply);
        for (MarkdownFences.Fence fence : fences) {
            if (!fence.closed()) {
                return new CodeBlockExtraction.Unterminated(fence.language(), fence.openingLine());
            }
        }
        if (fences.isEmpty()) {
            return new CodeBlockExtraction.None();
        }
        if (fences.size() > 1) {
            return new CodeBlockExtraction.Several(fences.stream().map(MarkdownFences.Fence::language).toList(),
                    fences.stream().map(MarkdownFences.Fence::openingLine).toList());
        }
        MarkdownFences.Fence fence = fences.get(0);
        return new CodeBlockExtraction.Found(fence.language(), fence.content(), fence.openingLine());
    }
}
