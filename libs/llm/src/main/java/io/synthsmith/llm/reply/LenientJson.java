package io.synthsmith.llm.reply;

import java.util.Set;

/**
 * Reads one JSON value the way models write it and rewrites it as strict JSON, so that Jackson can parse it. It
 * tolerates what strict JSON forbids but replies often hold: {@code //} and {@code /* *}{@code /} comments outside
 * strings, trailing commas before {@code ]} or {@code }}, and raw newlines, tabs and other control characters inside
 * strings (they are escaped).
 *
 * <h2>Backslashes inside strings: the LaTeX rule</h2>
 * Statements carry LaTeX ({@code $1 \le n \le 10^5$}) and models often write it with a single backslash inside a
 * JSON string, which strict JSON either rejects ({@code \l}) or, worse, silently reads as a control character
 * ({@code \t}imes becomes a tab, {@code \f}rac a form feed, {@code \b}inom a backspace, {@code \n}eq a newline,
 * {@code \r}ightarrow a carriage return). A backslash in a string is read as follows:
 * <ol>
 * <li>{@code \"}, {@code \\}, {@code \/}: the JSON escapes they are.</li>
 * <li>&#92;u followed by four hexadecimal digits: the JSON escape it is; &#92;u followed by anything else
 * (&#92;underline, &#92;uparrow) is LaTeX.</li>
 * <li>{@code \b}, {@code \f}, {@code \r} followed by an ASCII letter are LaTeX ({@code \binom}, {@code \bmod},
 * {@code \frac}, {@code \floor}, {@code \rightarrow}, {@code \rho}): a backspace, form feed or carriage return
 * followed by a letter never belongs in a statement. Followed by anything else they are the JSON escapes.</li>
 * <li>{@code \n} and {@code \t} followed by letters are LaTeX only when the whole run of letters is a LaTeX command
 * ({@link #NEWLINE_COMMANDS}, {@link #TAB_COMMANDS}: {@code \neq}, {@code \times}, {@code \text}, {@code \to}...),
 * because a newline or tab before an ordinary word ({@code \nThe first line}, {@code \tn}) is common and
 * meant.</li>
 * <li>{@code \'} is an apostrophe escaped the way Python or JavaScript would ({@code Hiker\'s}): the backslash is
 * dropped.</li>
 * <li>Every other backslash ({@code \le}, {@code \cdot}, {@code \{}, {@code \,}, {@code \;}, {@code \%},
 * {@code \_}, {@code \(}) is not a JSON escape at all and is kept as a backslash.</li>
 * </ol>
 * "Kept as LaTeX" means the string value holds the backslash and the letters exactly as the model wrote them. A
 * reply that escapes its backslashes correctly ({@code \\le}) reads the same way, since {@code \\} is rule 1.
 */
final class LenientJson {

    /** Commands that start with the letter n, written with one backslash, read as LaTeX rather than a newline. */
    static final Set<String> NEWLINE_COMMANDS = Set.of("ne", "neq", "neg", "nabla", "nu", "not", "notin", "ni",
            "nmid", "nleq", "ngeq", "nless", "ngtr", "newline", "nexists", "nolimits", "noindent", "nparallel",
            "nsubseteq", "nsupseteq", "nleftarrow", "nrightarrow", "natural", "nearrow", "nwarrow");

    /** Commands that start with the letter t, written with one backslash, read as LaTeX rather than a tab. */
    static final Set<String> TAB_COMMANDS = Set.of("times", "to", "text", "textbf", "textit", "texttt", "textrm",
            "textsf", "textsc", "textnormal", "tau", "theta", "tfrac", "tbinom", "tilde", "top", "triangle",
            "triangleleft", "triangleright", "therefore", "textasciitilde", "textbackslash", "tiny");

    private final String text;
    private final int end;
    private final StringBuilder out = new StringBuilder();
    private int pos;

    private LenientJson(String text, int start, int end) {
        this.text = text;
        this.pos = start;
        this.end = end;
    }

    /** The strict rewrite of the value starting at {@code start}, and where it ended. */
    record Rewrite(String json, int endOffset) {
    }

    /** A value that cannot be read: where and why. */
    static final class Failure extends Exception {
        final int offset;

        Failure(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** Reads the value (object or array) starting at {@code start}, not reading past {@code end}. */
    static Rewrite rewrite(String text, int start, int end) throws Failure {
        LenientJson reader = new LenientJson(text, start, Math.min(end, text.length()));
        reader.value(0);
        return new Rewrite(reader.out.toString(), reader.pos);
    }

    private void value(int depth) throws Failure {
        if (depth > 256) {
            throw new Failure(pos, "nested too deeply");
        }
        skipBlank();
        if (pos >= end) {
            throw new Failure(pos, "unexpected end-of-input: expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{' -> container(depth, '}');
            case '[' -> container(depth, ']');
            case '"' -> string();
            default -> scalar();
        }
    }

    /** An object ({@code close} is '}') or an array (']'), a trailing comma before the end dropped. */
    private void container(int depth, char close) throws Failure {
        boolean object = close == '}';
        String noun = object ? "object" : "array";
        out.append(text.charAt(pos));
        pos++;
        skipBlank();
        if (peek() == close) {
            pos++;
            out.append(close);
            return;
        }
        while (true) {
            if (object) {
                skipBlank();
                if (peek() != '"') {
                    throw new Failure(pos, pos >= end ? "unexpected end-of-input: the object is not closed"
                            : "expected a double-quote to start a field name, got '" + text.charAt(pos) + "'");
                }
                string();
                skipBlank();
                if (peek() != ':') {
                    throw new Failure(pos, "expected ':' after a field name");
                }
                pos++;
                out.append(':');
            }
            value(depth + 1);
            skipBlank();
            char next = peek();
            if (next == ',') {
                pos++;
                skipBlank();
                if (peek() != close) {
                    out.append(',');
                    continue;
                }
            } else if (next != close) {
                throw new Failure(pos, pos >= end ? "unexpected end-of-input: the " + noun + " is not closed"
                        : "expected ',' or '" + close + "' after " + (object ? "a field value" : "an array element")
                                + ", got '" + next + "'");
            }
            pos++;
            out.append(close);
            return;
        }
    }

    private void string() throws Failure {
        int opening = pos;
        pos++;
        out.append('"');
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                out.append('"');
                return;
            }
            if (c == '\\') {
                escape();
                continue;
            }
            if (c < 0x20) {
                out.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else {
                out.append(c);
            }
            pos++;
        }
        throw new Failure(opening, "unexpected end-of-input: the string opened here is not closed");
    }

    /** One backslash inside a string, read with the LaTeX rule of the class comment. */
    private void escape() {
        char next = pos + 1 < end ? text.charAt(pos + 1) : '\0';
        if (next == '\'') {
            out.append('\'');
            pos += 2;
            return;
        }
        String letters = letterRun(pos + 1);
        boolean latex = switch (next) {
            case '"', '\\', '/' -> false;
            case 'u' -> !hex4(pos + 2);
            case 'b', 'f', 'r' -> letters.length() > 1;
            case 'n' -> NEWLINE_COMMANDS.contains(letters);
            case 't' -> TAB_COMMANDS.contains(letters);
            default -> true;
        };
        if (latex) {
            out.append("\\\\");
            pos++;
        } else {
            out.append('\\').append(next);
            pos += 2;
        }
    }

    private String letterRun(int from) {
        int i = from;
        while (i < end && isAsciiLetter(text.charAt(i))) {
            i++;
        }
        return text.substring(from, i);
    }

    private boolean hex4(int from) {
        if (from + 4 > end) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void scalar() throws Failure {
        int start = pos;
        while (pos < end) {
            char c = text.charAt(pos);
            if (isAsciiLetter(c) || Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw new Failure(pos, "unexpected character '" + text.charAt(pos) + "': expected a value");
        }
        if (!token.equals("true") && !token.equals("false") && !token.equals("null")
                && !token.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw new Failure(start, "'" + token + "' is not a JSON value (a string needs double quotes)");
        }
        out.append(token);
    }

    /** Skips whitespace and comments. */
    private void skipBlank() throws Failure {
        while (pos < end) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && pos + 1 < end && text.charAt(pos + 1) == '/') {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 || newline > end ? end : newline + 1;
            } else if (c == '/' && pos + 1 < end && text.charAt(pos + 1) == '*') {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0 || close + 2 > end) {
                    throw new Failure(pos, "unexpected end-of-input: the comment is not closed");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < end ? text.charAt(pos) : '\0';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
