package io.synthsmith.llm.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds Markdown fenced blocks (``` or ~~~, CommonMark rules) line by line, with their positions. */
final class MarkdownFences {

    private static final Pattern OPENING = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

    private MarkdownFences() {
    }

    /**
     * One fenced block.
     *
     * @param language      the first word of the info string, empty when there is none
     * @param content       the lines between the fences, each ending in a newline
     * @param openingLine   the 1-based line of the opening fence
     * @param contentOffset where {@code content} starts in the text
     * @param closed        whether a closing fence was found
     */
    record Fence(String language, String content, int openingLine, int contentOffset, boolean closed) {
    }

    static List<Fence> scan(String text) {
        List<Fence> fences = new ArrayList<>();
        String fenceMarker = null;
        String language = null;
        int openingLine = 0;
        int contentOffset = 0;
        int lineNumber = 0;
        int offset = 0;
        while (offset <= text.length()) {
            int end = text.indexOf('\n', offset);
            int next = end < 0 ? text.length() + 1 : end + 1;
            String line = text.substring(offset, end < 0 ? text.length() : end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lineNumber++;
            if (fenceMarker == null) {
                Matcher opening = OPENING.matcher(line);
                if (opening.matches() && !(opening.group(1).charAt(0) == '`' && opening.group(2).contains("`"))) {
                    fenceMarker = opening.group(1);
                    String info = opening.group(2).strip();
                    language = info.isEmpty() ? "" : info.split("\\s+", 2)[0];
                    openingLine = lineNumber;
                    contentOffset = Math.min(next, text.length());
                }
            } else if (isClosing(line, fenceMarker)) {
                fences.add(new Fence(language, text.substring(contentOffset, offset), openingLine, contentOffset,
                        true));
                fenceMarker = null;
            }
            offset = next;
        }
        if (fenceMarker != null) {
            String content = text.substring(contentOffset);
            fences.add(new Fence(language, content.isEmpty() || content.endsWith("\n") ? content : content + "\n",
                    openingLine, contentOffset, false));
        }
        return fences;
    }

    private static boolean isClosing(String line, String marker) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String fence = line.substring(indent).stripTrailing();
        if (indent > 3 || fence.length() < marker.length()) {
            return false;
        }
        for (int i = 0; i < fence.length(); i++) {
            if (fence.charAt(i) != marker.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
