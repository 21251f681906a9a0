package io.synthsmith.solver.testsources;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.reply.CodeBlockExtraction;
import io.synthsmith.llm.reply.CodeLanguage;
import io.synthsmith.llm.reply.JsonExtraction;
import io.synthsmith.llm.reply.ReplyCode;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Solved;
import io.synthsmith.solver.candidates.PythonSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the replies to the test-source requests. Nothing here runs the code: generators and validators travel to
 * the verifier, which runs them sandboxed.
 */
public final class TestSourceParsing {

    private TestSourceParsing() {
    }

    /**
     * The direct inputs of a reply: the last top-level JSON array (or, when the model wrapped it, the first array
     * field of the last object, as in {@code {"inputs": [...]}}) whose non-blank strings are the inputs. Elements
     * that are not strings are skipped (an input is the text a solution reads); an array without any string is
     * unusable.
     */
    public static TestSourceReply<List<String>> directInputs(ChatChoice choice) {
        if (choice.truncated()) {
            return new TestSourceReply.Unusable<>("finish_reason is length: the list was cut");
        }
        JsonExtraction extraction = ReplyJson.extractArray(choice.answer());
        Optional<JsonExtraction.Found> array = extraction instanceof JsonExtraction.Found direct ? Optional.of(direct)
                : wrappedArray(choice.answer());
        if (array.isEmpty()) {
            return new TestSourceReply.Unusable<>(extraction.describe());
        }
        JsonExtraction.Found found = array.get();
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

    private static Optional<JsonExtraction.Found> wrappedArray(String answer) {
        if (!(ReplyJson.extractObject(answer) instanceof JsonExtraction.Found object)) {
            return Optional.empty();
        }
        for (Map.Entry<String, JsonNode> field : object.value().properties()) {
            if (field.getValue().isArray()) {
                return Optional.of(new JsonExtraction.Found(field.getValue(), object.line()));
            }
        }
        return Optional.empty();
    }

    /**
     * The Python program of a reply (generator or validator): the last complete, non-empty Python block, which
     * must compile.
     */
    public static TestSourceReply<Solved.Program> program(ChatChoice choice, String model, PythonSyntax syntax) {
        if (choice.truncated()) {
            return new TestSourceReply.Unusable<>("finish_reason is length: the program was cut");
        }
        CodeBlockExtraction extraction = ReplyCode.lastBlock(choice.answer(), CodeLanguage.PYTHON);
        if (!(extraction instanceof CodeBlockExtraction.Found found)) {
            return new TestSourceReply.Unusable<>(extraction.describe());
        }
        if (found.code().isBlank()) {
            return new TestSourceReply.Unusable<>("the code block at line " + found.line() + " is empty");
        }
        Optional<String> error = syntax.error(found.code());
        if (error.isPresent()) {
            return new TestSourceReply.Unusable<>("the Python code does not compile: " + error.get());
        }
        return new TestSourceReply.Usable<>(new Solved.Program(Language.PYTHON, found.code(), model));
    }
}
