package io.synthsmith.llm.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Markdown fenced blocks (``` or ~~~) line by line, with their positions. Unlike CommonMark, a fence may be
 * indented by any number of spaces (models indent fences inside list items); that indentation is removed from the
 * block's lines, and the closing fence may be indented differently.
 */
final class MarkdownFences {

    private static final Pattern OPENING = Pattern.compile("^([ \\t]*)(`{3,}|~{3,})(.*)$");

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
        int indent = 0;
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
                if (opening.matches() && !(opening.group(2).charAt(0) == '`' && opening.group(3).contains("`"))) {
                    fenceMarker = opening.group(2);
                    indent = opening.group(1).length();
                    String info = opening.group(3).strip();
                    language = info.isEmpty() ? "" : info.split("\\s+", 2)[0];
                    openingLine = lineNumber;
                    contentOffset = Math.min(next, text.length());
                }
            } else if (isClosing(line, fenceMarker)) {
                fences.add(new Fence(language, dedent(text.substring(contentOffset, offset), indent), openingLine,
                        contentOffset, true));
                fenceMarker = null;
            }
            offset = next;
        }
        if (fenceMarker != null) {
            String content = text.substring(contentOffset);
            content = dedent(content, indent);
            fences.add(new Fence(language, content.isEmpty() || content.endsWith("\n") ? content : content + "\n",
                    openingLine, contentOffset, false));
        }
        return fences;
    }

    /** Removes up to {@code indent} leading spaces or tabs from every line of {@code content}. */
    private static String dedent(String content, int indent) {
        if (indent == 0) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        for (String line : content.split("\n", -1)) {
            int cut = 0;
            while (cut < indent && cut < line.length() && (line.charAt(cut) == ' ' || line.charAt(cut) == '\t')) {
                cut++;
            }
            out.append(line, cut, line.length()).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static boolean isClosing(String line, String marker) {
        String fence = line.strip();
        if (fence.length() < marker.length()) {
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
