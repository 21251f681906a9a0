package io.synthsmith.solver.testsources;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.reply.CodeBlockExtraction;
import io.synthsmith.llm.reply.JsonExtraction;
import io.synthsmith.llm.reply.ReplyCode;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Solved;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the replies to the test-source requests. Nothing here runs the code: generators and validators travel to
 * the verifier, which runs them sandboxed.
 */
public final class TestSourceParsing {

    private TestSourceParsing() {
    }

    /**
     * The direct inputs of a reply: a JSON array whose non-blank strings are the inputs. Elements that are not
     * strings are skipped (an input is the text a solution reads); an array without any string is unusable.
     */
    public static TestSourceReply<List<String>> directInputs(ChatChoice choice) {
        if (choice.truncated()) {
            return new TestSourceReply.Unusable<>("finish_reason is length: the list was cut");
        }
        JsonExtraction extraction = ReplyJson.extractArray(choice.answer());
        if (!(extraction instanceof JsonExtraction.Found found)) {
            return new TestSourceReply.Unusable<>(extraction.describe());
        }
        List<String> inputs = new ArrayList<>();
        for (JsonNode element : found.value()) {
            if (element.isTextual() && !element.asText().isBlank()) {
                inputs.add(element.asText());
            }
        }
        if (inputs.isEmpty()) {
            return new TestSourceReply.Unusable<>("the JSON array at line " + found.line()
                    + " holds no non-blank string; expected one string per input");
        }
        return new TestSourceReply.Usable<>(List.copyOf(inputs));
    }

    /** The Python program of a reply (generator or validator): exactly one complete, non-empty code block. */
    public static TestSourceReply<Solved.Program> program(ChatChoice choice, String model) {
        if (choice.truncated()) {
            return new TestSourceReply.Unusable<>("finish_reason is length: the program was cut");
        }
        CodeBlockExtraction extraction = ReplyCode.singleBlock(choice.answer());
        if (!(extraction instanceof CodeBlockExtraction.Found found)) {
            return new TestSourceReply.Unusable<>(extraction.describe());
        }
        if (found.code().isBlank()) {
            return new TestSourceReply.Unusable<>("the code block at line " + found.line() + " is empty");
        }
        return new TestSourceReply.Usable<>(new Solved.Program(Language.PYTHON, found.code(), model));
    }
}
