package io.synthsmith.llm.reply;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyCodeTest {

    @Test
    void extractsTheOneCompleteBlockWithItsLanguage() {
        String reply = """
                The idea is a prefix sum.

                ```python
                import sys
                print(sum(map(int, sys.stdin.read().split())))
                ```

                It runs in O(n).
                """;

        CodeBlockExtraction.Found found = ReplyCode.singleBlock(reply).orThrow();

        assertThat(found.language()).isEqualTo("python");
        assertThat(found.code()).isEqualTo("import sys\nprint(sum(map(int, sys.stdin.read().split())))\n");
        assertThat(found.line()).isEqualTo(3);
    }

    @Test
    void keepsShorterFencesInsideALongerFenceAsCode() {
        String reply = "````markdown\n```python\nx = 1\n```\n````\n";

        CodeBlockExtraction.Found found = ReplyCode.singleBlock(reply).orThrow();

        assertThat(found.language()).isEqualTo("markdown");
        assertThat(found.code()).isEqualTo("```python\nx = 1\n```\n");
    }

    @Test
    void saysWhenThereIsNoBlock() {
        assertThat(ReplyCode.singleBlock("Just use a heap.")).isInstanceOf(CodeBlockExtraction.None.class);
        assertThatThrownBy(() -> ReplyCode.singleBlock("Just use a heap.").orThrow())
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("no fenced code block");
    }

    @Test
    void saysWhenThereAreSeveralBlocksWithTheirLanguages() {
        String reply = "```python\na = 1\n```\nand in C++:\n```cpp\nint a = 1;\n```\n```\nplain\n```";

        CodeBlockExtraction result = ReplyCode.singleBlock(reply);

        assertThat(result).isEqualTo(new CodeBlockExtraction.Several(List.of("python", "cpp", ""),
                List.of(1, 5, 8)));
        assertThat(result.describe()).contains("3 code blocks", "'python' at line 1", "'cpp' at line 5",
                "untagged at line 8");
    }

    @Test
    void saysWhenABlockIsNeverClosed() {
        String reply = "```python\ndef solve():\n    for i in range(";

        CodeBlockExtraction result = ReplyCode.singleBlock(reply);

        assertThat(result).isEqualTo(new CodeBlockExtraction.Unterminated("python", 1));
        assertThat(result.describe()).contains("'python'", "line 1", "never closed", "truncated");
    }
}
