package io.synthsmith.verifier.runners;

import io.synthsmith.messages.Task;
import java.util.stream.Collectors;

/**
 * Turns a LeetCode-style Python solution into a program: the example-format input on stdin ({@code nums = [1,2],
 * k = 3}) becomes the arguments of the signature's method, and its return value is printed in LeetCode's literal
 * form (lists as {@code [1,2]}, strings quoted, booleans {@code true}/{@code false}, none as {@code null}). A
 * candidate's {@code if __name__ == "__main__":} block does not run.
 */
public final class LeetCodeHarness {

    /**
     * Before the candidate: {@code __name__} is not {@code "__main__"} while the candidate's code runs, so its
     * {@code if __name__ == "__main__":} block (which would read the harness's stdin and print) does not run; the
     * module stays registered under that name so that dataclasses, pickling and {@code typing} lookups still find
     * it. The harness restores the name before calling the method.
     */
    private static final String PRELUDE = """
            import sys as _ss_sys0
            _ss_sys0.modules["__ss_candidate__"] = _ss_sys0.modules[__name__]
            __name__ = "__ss_candidate__"
            from typing import *
            import bisect, collections, functools, heapq, itertools, math, operator, re, string
            from collections import *
            from functools import *
            from heapq import *
            from itertools import *
            from math import *
            from bisect import *
            """;

    private static final String CALL = """

            __name__ = "__main__"
            import ast as _ss_ast, json as _ss_json, sys as _ss_sys

            def _ss_pieces(text):
                pieces, depth, quote, start, i = [], 0, None, 0, 0
                while i < len(text):
                    c = text[i]
                    if quote:
                        if c == "\\\\":
                            i += 1
                        elif c == quote:
                            quote = None
                    elif c in "\\"'":
                        quote = c
                    elif c in "[{(":
                        depth += 1
                    elif c in "]})":
                        depth -= 1
                    elif c in ",\\n" and depth == 0:
                        pieces.append(text[start:i])
                        start = i + 1
                    i += 1
                pieces.append(text[start:])
                return [p.strip() for p in pieces if p.strip()]

            def _ss_value(text):
                try:
                    return _ss_json.loads(text)
                except ValueError:
                    pass
                try:
                    return _ss_ast.literal_eval(text.replace("true", "True").replace("false", "False").replace("null", "None"))
                except (ValueError, SyntaxError):
                    return text

            def _ss_arguments(text, names):
                named, positional = {}, []
                for piece in _ss_pieces(text):
                    name, eq, rest = piece.partition("=")
                    if eq and name.strip().isidentifier() and not rest.startswith("="):
                        named[name.strip()] = _ss_value(rest.strip())
                    else:
                        positional.append(_ss_value(piece))
                missing = [n for n in names if n not in named]
                for n in missing:
                    if not positional:
                        raise SystemExit("input names no value for parameter " + n)
                    named[n] = positional.pop(0)
                return [named[n] for n in names]

            def _ss_literal(value):
                if value is None:
                    return "null"
                if value is True:
                    return "true"
                if value is False:
                    return "false"
                if isinstance(value, float):
                    return "%.5f" % value
                if isinstance(value, str):
                    return _ss_json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict):
                    return "{" + ",".join(_ss_literal(str(k)) + ":" + _ss_literal(v) for k, v in value.items()) + "}"
                if isinstance(value, (list, tuple, set, frozenset)) or hasattr(value, "__iter__") and not isinstance(value, (bytes, bytearray)):
                    return "[" + ",".join(_ss_literal(v) for v in value) + "]"
                return str(value)

            _ss_args = _ss_arguments(_ss_sys.stdin.read(), [PARAMETERS])
            print(_ss_literal(getattr(CLASS(), METHOD)(*_ss_args)))
            """;

    private LeetCodeHarness() {
    }

    /** The candidate's code with the typing prelude before it and the call harness after it. */
    public static String wrapPython(String code, Task.Signature signature) {
        String names = signature.parameters().stream()
                .map(p -> pythonString(p.name()))
                .collect(Collectors.joining(", "));
        String className = signature.className() == null || signature.className().isBlank()
                ? "Solution" : signature.className();
        return PRELUDE + "\n" + code + "\n" + CALL.replace("PARAMETERS", names)
                .replace("CLASS", className)
                .replace("METHOD", pythonString(signature.methodName()));
    }

    /**
     * Whether the signature returns floating-point numbers (a float or double, or lists of them), whose outputs are
     * compared with a tolerance (a Python candidate may also return {@code 2} where a C++ one prints
     * {@code 2.00000}).
     */
    public static boolean returnsFloat(Task.Signature signature) {
        return CppHarness.cppType(signature.returnType()).map(type -> type.contains("double")).orElse(false);
    }

    private static String pythonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
