package io.synthsmith.llm.reply;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyCodeTest {

    @Test
    void extractsTheBlockWithItsLanguage() {
        String reply = """
                The idea is a running total.

                ```python
                import sys
                print(sum(map(int, sys.stdin.read().split())))
                ```

                It runs in O(n).
                """;

        CodeBlockExtraction.Found found = ReplyCode.lastBlock(reply, CodeLanguage.PYTHON).orThrow();

        assertThat(found.language()).isEqualTo("python");
        assertThat(found.code()).isEqualTo("import sys\nprint(sum(map(int, sys.stdin.read().split())))\n");
        assertThat(found.line()).isEqualTo(3);
    }

    @Test
    void ignoresTextBashAndJsonBlocksAroundThePythonOne() {
        // GPT-4o style: the solution, then how to run it and what it prints.
        String reply = """
                ```python
                n = int(input())
                print(n * 2)
                ```

                Run it with:

                ```bash
                python3 solution.py < input.txt
                ```

                Sample output:

                ```text
                6
                ```

                ```json
                {"complexity": "O(1)"}
                ```
                """;

        CodeBlockExtraction.Found found = ReplyCode.lastBlock(reply, CodeLanguage.PYTHON).orThrow();

        assertThat(found.code()).isEqualTo("n = int(input())\nprint(n * 2)\n");
    }

    @Test
    void takesTheLastCompleteBlockOfTheLanguageWhenTheModelRewroteIt() {
        // R1 style: a first version, "wait", the corrected version.
        String reply = "```python\nprint(1)\n```\nWait, that is wrong for n = 0. Corrected:\n"
                + "```py\nprint(0)\n```\n";

        assertThat(ReplyCode.lastBlock(reply, CodeLanguage.PYTHON).orThrow().code()).isEqualTo("print(0)\n");
    }

    @Test
    void findsIndentedFencesInsideListItems() {
        String reply = """
                1. Read the input.
                2. Print the answer:

                    ```cpp
                    #include <bits/stdc++.h>
                    int main() {
                        puts("hi");
                    }
                    ```
                """;

        CodeBlockExtraction.Found found = ReplyCode.lastBlock(reply, CodeLanguage.CPP).orThrow();

        assertThat(found.code()).isEqualTo("#include <bits/stdc++.h>\nint main() {\n    puts(\"hi\");\n}\n");
        assertThat(found.line()).isEqualTo(4);
    }

    @Test
    void takesAnUntaggedBlockOnlyWhenItLooksLikeCode() {
        String reply = "Input:\n```\n3\n1 2 3\n```\nSolution:\n```\nimport sys\nprint(6)\n```\n";

        assertThat(ReplyCode.lastBlock(reply, CodeLanguage.PYTHON).orThrow().code()).isEqualTo("import sys\nprint(6)\n");
        assertThat(ReplyCode.lastBlock("```\n3\n1 2 3\n```\n", CodeLanguage.PYTHON))
                .isInstanceOf(CodeBlockExtraction.OtherLanguages.class);
    }

    @Test
    void keepsShorterFencesInsideALongerFenceAsCode() {
        String reply = "````python\ns = '''\n```\n'''\n````\n";

        assertThat(ReplyCode.lastBlock(reply, CodeLanguage.PYTHON).orThrow().code())
                .isEqualTo("s = '''\n```\n'''\n");
    }

    @Test
    void saysWhenThereIsNoBlock() {
        assertThat(ReplyCode.lastBlock("Just use a heap.", CodeLanguage.PYTHON))
                .isInstanceOf(CodeBlockExtraction.None.class);
        assertThatThrownBy(() -> ReplyCode.lastBlock("Just use a heap.", CodeLanguage.PYTHON).orThrow())
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("no fenced code block");
    }

    @Test
    void saysWhenNoBlockIsInTheLanguage() {
        String reply = "```cpp\nint a = 1;\n```\n```text\nplain\n```";

        CodeBlockExtraction result = ReplyCode.lastBlock(reply, CodeLanguage.PYTHON);

        assertThat(result).isEqualTo(new CodeBlockExtraction.OtherLanguages("python", List.of("cpp", "text"),
                List.of(1, 4)));
        assertThat(result.describe()).contains("2 code blocks", "'cpp' at line 1", "'text' at line 4",
                "none of them python code");
    }

    @Test
    void saysWhenTheBlockIsNeverClosed() {
        String reply = "```python\ndef solve():\n    for i in range(";

        CodeBlockExtraction result = ReplyCode.lastBlock(reply, CodeLanguage.PYTHON);

        assertThat(result).isEqualTo(new CodeBlockExtraction.Unterminated("python", 1));
        assertThat(result.describe()).contains("'python'", "line 1", "never closed", "truncated");
    }
}
