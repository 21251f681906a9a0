package io.synthsmith.scriptedllm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text of a template reply ({@link ScriptedResponse.Completion#asTemplate()}) with its placeholders, filled per
 * request. It lets one rule answer many requests with different but consistent text: a new number per request
 * ({@code seq}), or a number read from the prompt ({@code match.N}) so that a later stage's reply agrees with what an
 * earlier reply wrote.
 *
 * <p>A placeholder is {@code {{EXPR}}}; in a template, <code>&#123;&#123;</code> always opens one. {@code EXPR} is
 * <ul>
 * <li>{@code seq}: how many requests the rule has matched, this one included (1, 2, 3, ...);</li>
 * <li>{@code match.N}: group N of the rule's {@code lastUserMessage} regex in the last user message (0 is the whole
 * match); alone in a placeholder it is copied as it is, in arithmetic it must be an integer;</li>
 * <li>whole-number arithmetic over those and integer literals: {@code + - * / %}, unary minus and parentheses, with
 * the usual precedence. {@code /} and {@code %} round towards negative infinity as Python's {@code //} and {@code %}
 * do, so {@code %} of a positive divisor is never negative. Overflow of a 64-bit integer is an error.</li>
 * </ul>
 * Example: {@code "total {{match.1 * 3 + 1}} for brief {{match.1}}, request {{seq % 6}}"}.
 */
final class ReplyTemplate {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final String SYNTAX = "a placeholder holds seq, match.N, integers, + - * / %, and parentheses";

    private final List<Segment> segments;

    private ReplyTemplate(List<Segment> segments) {
        this.segments = segments;
    }

    /**
     * What the placeholders of one request may refer to.
     *
     * @param seq    how many requests the rule has matched, this one included
     * @param groups the texts of the regex's groups by index (0: the whole match; null: the group took no part), or
     *               empty when the rule has no regex
     */
    record Context(long seq, List<String> groups) {
        Context {
            groups = Collections.unmodifiableList(new ArrayList<>(groups));
        }
    }

    /** A placeholder that cannot be filled for this request (a group that matched nothing, a division by zero). */
    static final class FillException extends RuntimeException {
        FillException(String message) {
            super(message);
        }
    }

    /** Parses {@code text}; a malformed placeholder is an {@link IllegalArgumentException} that quotes it. */
    static ReplyTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int open = text.indexOf(OPEN, from);
            if (open < 0) {
                segments.add(new Literal(text.substring(from)));
                break;
            }
            if (open > from) {
                segments.add(new Literal(text.substring(from, open)));
            }
            int close = text.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                throw new IllegalArgumentException("the placeholder opened at character " + open + " ('"
                        + excerpt(text.substring(open)) + "') is never closed with }}");
            }
            String source = text.substring(open + OPEN.length(), close);
            segments.add(new Placeholder(source.strip(), new ExpressionParser(source).parse()));
            from = close + CLOSE.length();
        }
        return new ReplyTemplate(List.copyOf(segments));
    }

    /**
     * Checks that every {@code match.N} refers to a group of the rule's regex; {@code groupCount} is -1 when the rule
     * has no regex.
     */
    void checkGroups(int groupCount) {
        for (Segment segment : segments) {
            if (segment instanceof Placeholder placeholder) {
                placeholder.expression().checkGroups(placeholder.source(), groupCount);
            }
        }
    }

    /** The text with every placeholder filled from {@code context}. */
    String fill(Context context) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Literal literal -> out.append(literal.text());
                case Placeholder(String source, Group group) -> out.append(group.text(source, context));
                case Placeholder(String source, Expression expression) ->
                        out.append(expression.evaluate(source, context));
            }
        }
        return out.toString();
    }

    private static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private sealed interface Segment {
    }

    private record Literal(String text) implements Segment {
    }

    private record Placeholder(String source, Expression expression) implements Segment {
    }

    /** A parsed placeholder expression. */
    private sealed interface Expression {

        long evaluate(String source, Context context);

        default void checkGroups(String source, int groupCount) {
        }
    }

    private record Constant(long value) implements Expression {
        @Override
        public long evaluate(String source, Context context) {
            return value;
        }
    }

    private record Seq() implements Expression {
        @Override
        public long evaluate(String source, Context context) {
            return context.seq();
        }
    }

    private record Group(int index) implements Expression {

        String text(String source, Context context) {
            if (index >= context.groups().size() || context.groups().get(index) == null) {
                throw new FillException("{{" + source + "}}: group " + index
                        + " of the rule's lastUserMessage regex matched nothing in this request");
            }
            return context.groups().get(index);
        }

        @Override
        public long evaluate(String source, Context context) {
            String text = text(source, context);
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new FillException("{{" + source + "}}: group " + index + " is '" + excerpt(text)
                        + "', not an integer, so it cannot be used in arithmetic");
            }
        }

        @Override
        public void checkGroups(String source, int groupCount) {
            if (groupCount < 0) {
                throw new IllegalArgumentException("{{" + source + "}} refers to match." + index
                        + ", but the rule has no lastUserMessage regex");
            }
            if (index > groupCount) {
                throw new IllegalArgumentException("{{" + source + "}} refers to group " + index
                        + ", but the rule's lastUserMessage regex has " + groupCount + " group(s)");
            }
        }
    }

    private record Negate(Expression operand) implements Expression {
        @Override
        public long evaluate(String source, Context context) {
            try {
                return Math.negateExact(operand.evaluate(source, context));
            } catch (ArithmeticException e) {
                throw new FillException("{{" + source + "}}: the result overflows a 64-bit integer");
            }
        }

        @Override
        public void checkGroups(String source, int groupCount) {
            operand.checkGroups(source, groupCount);
        }
    }

    private record Binary(char operator, Expression left, Expression right) implements Expression {
        @Override
        public long evaluate(String source, Context context) {
            long a = left.evaluate(source, context);
            long b = right.evaluate(source, context);
            if ((operator == '/' || operator == '%') && b == 0) {
                throw new FillException("{{" + source + "}}: division by zero");
            }
            try {
                return switch (operator) {
                    case '+' -> Math.addExact(a, b);
                    case '-' -> Math.subtractExact(a, b);
                    case '*' -> Math.multiplyExact(a, b);
                    case '/' -> Math.floorDiv(a, b);
                    case '%' -> Math.floorMod(a, b);
                    default -> throw new IllegalStateException("operator " + operator);
                };
            } catch (ArithmeticException e) {
                throw new FillException("{{" + source + "}}: the result overflows a 64-bit integer");
            }
        }

        @Override
        public void checkGroups(String source, int groupCount) {
            left.checkGroups(source, groupCount);
            right.checkGroups(source, groupCount);
        }
    }

    /** Recursive descent: expr = term (('+'|'-') term)*, term = unary (('*'|'/'|'%') unary)*. */
    private static final class ExpressionParser {

        private final String source;
        private int position;

        ExpressionParser(String source) {
            this.source = source;
        }

        Expression parse() {
            if (source.isBlank()) {
                throw error("is empty");
            }
            Expression expression = sum();
            skipSpaces();
            if (position < source.length()) {
                throw error("has '" + source.substring(position).strip() + "' where an operator or the end belongs");
            }
            return expression;
        }

        private Expression sum() {
            Expression left = product();
            while (true) {
                char next = peek();
                if (next != '+' && next != '-') {
                    return left;
                }
                position++;
                left = new Binary(next, left, product());
            }
        }

        private Expression product() {
            Expression left = unary();
            while (true) {
                char next = peek();
                if (next != '*' && next != '/' && next != '%') {
                    return left;
                }
                position++;
                left = new Binary(next, left, unary());
            }
        }

        private Expression unary() {
            char next = peek();
            if (next == '-') {
                position++;
                return new Negate(unary());
            }
            if (next == '(') {
                position++;
                Expression inner = sum();
                if (peek() != ')') {
                    throw error("misses a closing parenthesis");
                }
                position++;
                return inner;
            }
            if (Character.isDigit(next)) {
                int start = position;
                while (position < source.length() && Character.isDigit(source.charAt(position))) {
                    position++;
                }
                try {
                    return new Constant(Long.parseLong(source.substring(start, position)));
                } catch (NumberFormatException e) {
                    throw error("has a number too large for a 64-bit integer");
                }
            }
            if (Character.isLetter(next)) {
                int start = position;
                while (position < source.length()
                        && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '.')) {
                    position++;
                }
                String name = source.substring(start, position);
                if (name.equals("seq")) {
                    return new Seq();
                }
                if (name.matches("match\\.\\d{1,3}")) {
                    return new Group(Integer.parseInt(name.substring("match.".length())));
                }
                throw error("has the unknown name '" + name + "'");
            }
            throw error(next == 0 ? "ends where a value belongs" : "has '" + next + "' where a value belongs");
        }

        private char peek() {
            skipSpaces();
            return position < source.length() ? source.charAt(position) : 0;
        }

        private void skipSpaces() {
            while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
                position++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("the placeholder {{" + source + "}} " + problem + "; " + SYNTAX);
        }
    }
}
