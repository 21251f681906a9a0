"""Reward function for the RL rows of a SynthSmith dataset, in the shape verl's custom_reward_function loads.

    custom_reward_function.path=<dataset dir>/verl_reward.py
    custom_reward_function.name=compute_score

compute_score(data_source, solution_str, ground_truth, extra_info=None) takes the final fenced code block of the
completion (after any reasoning closed by </think>), runs it on the row's tests and returns the fraction of tests
passed (a float in [0, 1]).

- Programs run as separate processes with real standard input (a file), so sys.stdin.buffer, sys.stdin.readline and
  input() all work; each test has a time limit (TIME_LIMIT_SECONDS, wall and CPU) and an address-space limit
  (MEMORY_LIMIT_MB), set with resource.setrlimit in the child before it starts, and an output limit.
- LeetCode-style rows (ground truth with "signature"): the class is called by this file's own harness, which reads
  the test as the statement writes it ("nums = [1,2], k = 3", from "example_inputs") and prints the return value in
  LeetCode's literal form ([1,2], "ab", true, null, floats with 5 decimals), as the pipeline's verifier labelled it.
- C++ rows ("language": "cpp") are compiled with g++ -std=c++17 -O2 (once per call); LeetCode-style C++ rows get a
  C++ call harness that reads the arguments in a typed form this file writes.
- Outputs are compared as the verifier compares them: CRLF and CR become LF, trailing whitespace of every line and
  of the whole output is ignored, and numbers are compared within "float_tolerance" when the row has one.

All or nothing: return 1.0 only when every test passes, else 0.0. Off by default; turn it on with the module
constant ALL_OR_NOTHING, the environment variable SYNTHSMITH_REWARD_ALL_OR_NOTHING=1, or verl's
custom_reward_function.reward_kwargs.all_or_nothing=true (passed as a keyword argument).

Standard library only, Python 3.8+. Linux (resource limits). Untrusted code runs with the rights of this process:
run the trainer's reward workers in a container or sandbox you are willing to lose.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ALL_OR_NOTHING = False
TIME_LIMIT_SECONDS = float(os.environ.get("SYNTHSMITH_REWARD_TIME_LIMIT_SECONDS", "6"))
MEMORY_LIMIT_MB = int(os.environ.get("SYNTHSMITH_REWARD_MEMORY_LIMIT_MB", "1024"))
OUTPUT_LIMIT_BYTES = 64 * 1024 * 1024
STACK_LIMIT_BYTES = 64 * 1024 * 1024
COMPILE_TIME_LIMIT_SECONDS = 60

_REASONING_ENDS = ("</think>", "</thinking>", "</reasoning>", "<|end_of_thought|>")
_REASONING_STARTS = ("<think>", "<thinking>", "<reasoning>", "<|begin_of_thought|>")
_FENCE = re.compile(r"```[ \t]*([^\n`]*)\n(.*?)\n?[ \t]*```", re.DOTALL)
_TRAILING_SPACE = re.compile(r"[ \t\x0b\f]+$", re.MULTILINE)
_LINKED = re.compile(r"\b(ListNode|TreeNode|Node)\b")


def compute_score(data_source, solution_str, ground_truth, extra_info=None, all_or_nothing=None, **kwargs):
    """The fraction of the row's tests the completion's final code block passes (1.0/0.0 when all or nothing)."""
    truth = json.loads(ground_truth) if isinstance(ground_truth, (str, bytes)) else dict(ground_truth)
    if all_or_nothing is None:
        all_or_nothing = ALL_OR_NOTHING or os.environ.get("SYNTHSMITH_REWARD_ALL_OR_NOTHING", "") in ("1", "true")
    language = truth.get("language") or "python"
    code = final_code_block(solution_str)
    signature = truth.get("signature")
    inputs = truth.get("example_inputs") if signature else truth.get("inputs")
    outputs = truth.get("example_outputs") if signature else truth.get("outputs")
    if code is None or not inputs or len(inputs) != len(outputs):
        return 0.0
    tolerance = truth.get("float_tolerance")
    work = tempfile.mkdtemp(prefix="synthsmith-reward-")
    try:
        command = _prepare(language, code, signature, work)
        if command is None:
            return 0.0
        passed = 0
        for test_input, expected in zip(inputs, outputs):
            if signature and language == "cpp":
                test_input = _typed_arguments(test_input, signature)
                if test_input is None:
                    continue
            actual = _run(command, test_input, work)
            if actual is not None and same_output(normalize(expected), normalize(actual), tolerance):
                passed += 1
            elif all_or_nothing:
                return 0.0
        if all_or_nothing:
            return 1.0 if passed == len(inputs) else 0.0
        return passed / len(inputs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def final_code_block(completion):
    """The last fenced code block after the reasoning; None when there is none or the reasoning never ended."""
    if not isinstance(completion, str):
        return None
    text = completion
    ends = [(text.rfind(end), end) for end in _REASONING_ENDS if end in text]
    if ends:
        position, end = max(ends)
        text = text[position + len(end):]
    elif any(start in text for start in _REASONING_STARTS):
        return None
    blocks = _FENCE.findall(text)
    if not blocks:
        return None
    code = blocks[-1][1]
    return code if code.strip() else None


def normalize(output):
    """CRLF and CR as LF, without trailing whitespace on any line or at the end (the verifier's normalisation)."""
    unified = output.replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACE.sub("", unified).rstrip()


def same_output(expected, actual, tolerance=None):
    """Whether two normalised outputs say the same, numbers within tolerance (absolute or relative) when given."""
    if expected == actual:
        return True
    if not tolerance or tolerance <= 0:
        return False
    strip = lambda s: s.replace("[", " ").replace("]", " ").replace(",", " ").split()  # noqa: E731
    shape = lambda s: re.sub(r"[^\[\]\n]", "", s)  # noqa: E731
    a, b = strip(expected), strip(actual)
    if len(a) != len(b) or shape(expected) != shape(actual):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if abs(fx - fy) > tolerance and abs(fx - fy) > tolerance * max(abs(fx), abs(fy)):
            return False
    return True


def _prepare(language, code, signature, work):
    """The command that runs the solution, after writing (and for C++ compiling) it; None when it cannot run."""
    if signature and (_LINKED.search(json.dumps(signature)) is not None):
        return None
    if language == "cpp":
        source = os.path.join(work, "main.cpp")
        binary = os.path.join(work, "main")
        program = code if not signature else _CPP_PRELUDE + code + _cpp_call(signature)
        with open(source, "w", encoding="utf-8") as f:
            f.write(program)
        compiler = shutil.which("g++")
        if compiler is None:
            raise RuntimeError("verl_reward.py needs g++ on the PATH to score C++ rows")
        try:
            done = subprocess.run([compiler, "-std=c++17", "-O2", "-o", binary, source], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=COMPILE_TIME_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            return None
        return [binary] if done.returncode == 0 else None
    solution = os.path.join(work, "solution.py")
    with open(solution, "w", encoding="utf-8") as f:
        f.write(code)
    if not signature:
        return [sys.executable, "-I", solution]
    harness = os.path.join(work, "harness.py")
    names = [p["name"] for p in signature.get("parameters", [])]
    with open(harness, "w", encoding="utf-8") as f:
        f.write(_PY_CALL.replace("@NAMES@", repr(names))
                .replace("@CLASS@", repr(signature.get("className") or "Solution"))
                .replace("@METHOD@", repr(signature["methodName"])))
    return [sys.executable, "-I", harness, solution]


def _limits():
    import resource
    os.setsid()
    cpu = int(TIME_LIMIT_SECONDS) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    memory = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        # Deep recursion (a DFS in Python with a raised recursion limit) needs more than the usual 8 MiB.
        resource.setrlimit(resource.RLIMIT_STACK, (STACK_LIMIT_BYTES, STACK_LIMIT_BYTES))
    except (ValueError, OSError):
        pass


def _run(command, test_input, work):
    """The program's standard output on this input, or None when it failed, ran out of time or memory."""
    stdin_path = os.path.join(work, "stdin.txt")
    stdout_path = os.path.join(work, "stdout.txt")
    with open(stdin_path, "w", encoding="utf-8", newline="") as f:
        f.write(test_input)
    with open(stdin_path, "rb") as stdin, open(stdout_path, "wb") as stdout:
        process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL, cwd=work,
                                   preexec_fn=_limits, close_fds=True)
        try:
            code = process.wait(timeout=TIME_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            _kill(process)
            return None
    if code != 0:
        return None
    with open(stdout_path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def _kill(process):
    import signal
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


# --- LeetCode-style Python rows: call the method with the arguments the test writes, print the result. ---------

_PY_CALL = r'''
import ast, json, sys

def pieces(text):
    out, depth, quote, start, i = [], 0, None, 0, 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        elif c in ",\n" and depth == 0:
            out.append(text[start:i])
            start = i + 1
        i += 1
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]

def value(text):
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return ast.literal_eval(text.replace("true", "True").replace("false", "False").replace("null", "None"))
    except (ValueError, SyntaxError):
        return text

def arguments(text, names):
    named, positional = {}, []
    for piece in pieces(text):
        name, eq, rest = piece.partition("=")
        if eq and name.strip().isidentifier() and not rest.startswith("="):
            named[name.strip()] = value(rest.strip())
        else:
            positional.append(value(piece))
    for name in names:
        if name not in named:
            if not positional:
                raise SystemExit("the test gives no value for parameter " + name)
            named[name] = positional.pop(0)
    return [named[name] for name in names]

def literal(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return "%.5f" % v
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{" + ",".join(literal(str(k)) + ":" + literal(x) for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple, set, frozenset)) or hasattr(v, "__iter__") and not isinstance(v, (bytes, bytearray)):
        return "[" + ",".join(literal(x) for x in v) + "]"
    return str(v)

PRELUDE = ("from typing import *\nimport bisect, collections, functools, heapq, itertools, math, operator, re, string\n"
           "from collections import *\nfrom functools import *\nfrom heapq import *\nfrom itertools import *\n"
           "from math import *\nfrom bisect import *\n")

args = arguments(sys.stdin.read(), @NAMES@)
with open(sys.argv[1], encoding="utf-8") as f:
    source = f.read()
namespace = {"__name__": "solution", "__builtins__": __builtins__}
exec(compile(PRELUDE + source, "solution.py", "exec"), namespace)
result = getattr(namespace[@CLASS@](), @METHOD@)(*args)
sys.stdout.write(literal(result) + "\n")
'''


# --- LeetCode-style C++ rows: Python parses the arguments and writes them typed; C++ reads them by its types. -------

_CPP_PRELUDE = "#include <bits/stdc++.h>\nusing namespace std;\n"


def _cpp_call(signature):
    return _CPP_CALL.replace("@CLASS@", signature.get("className") or "Solution").replace(
        "@METHOD@", signature["methodName"])


_CPP_CALL = r'''
namespace synthsmith_reward {
inline void read(istream& in, int& v) { long long x; in >> x; v = (int) x; }
inline void read(istream& in, long long& v) { in >> v; }
inline void read(istream& in, long& v) { in >> v; }
inline void read(istream& in, double& v) { in >> v; }
inline void read(istream& in, float& v) { double x; in >> x; v = (float) x; }
inline void read(istream& in, bool& v) { int x; in >> x; v = x != 0; }
inline void read(istream& in, string& v) { size_t n; in >> n; in.get(); v.assign(n, '\0'); if (n) in.read(&v[0], n); }
inline void read(istream& in, char& v) { string s; read(in, s); v = s.empty() ? '\0' : s[0]; }
template <class T> void read(istream& in, vector<T>& v) { size_t n; in >> n; v.resize(n); for (auto& x : v) read(in, x); }
inline void show(ostream& out, int v) { out << v; }
inline void show(ostream& out, long long v) { out << v; }
inline void show(ostream& out, long v) { out << v; }
inline void show(ostream& out, double v) { char b[64]; snprintf(b, sizeof b, "%.5f", v); out << b; }
inline void show(ostream& out, float v) { show(out, (double) v); }
inline void show(ostream& out, bool v) { out << (v ? "true" : "false"); }
inline void show(ostream& out, const string& v) {
    out << '"';
    for (unsigned char c : v) {
        if (c == '"' || c == '\\') out << '\\' << c;
        else if (c == '\n') out << "\\n";
        else if (c == '\t') out << "\\t";
        else if (c == '\r') out << "\\r";
        else if (c == '\b') out << "\\b";
        else if (c == '\f') out << "\\f";
        else if (c < 0x20) { char b[8]; snprintf(b, sizeof b, "\\u%04x", c); out << b; }
        else out << c;
    }
    out << '"';
}
inline void show(ostream& out, char v) { show(out, string(1, v)); }
template <class T> void show(ostream& out, const vector<T>& v) {
    out << '[';
    for (size_t i = 0; i < v.size(); i++) { if (i) out << ','; show(out, (T) v[i]); }
    out << ']';
}
template <class C, class R, class... A> void call(R (C::*method)(A...)) {
    tuple<decay_t<A>...> args;
    apply([](auto&... a) { (read(cin, a), ...); }, args);
    C object;
    if constexpr (is_void_v<R>) {
        apply([&](auto&... a) { (object.*method)(a...); }, args);
        cout << "null\n";
    } else {
        R result = apply([&](auto&... a) { return (object.*method)(a...); }, args);
        show(cout, result);
        cout << '\n';
    }
}
}
int main() { synthsmith_reward::call(&@CLASS@::@METHOD@); return 0; }
'''


def _typed_arguments(test_input, signature):
    """The test's arguments as the C++ harness reads them: numbers, 0/1, length-prefixed strings and lists."""
    namespace = {}
    exec(_PY_CALL.split("PRELUDE = ")[0], namespace)
    try:
        values = namespace["arguments"](test_input, [p["name"] for p in signature.get("parameters", [])])
    except SystemExit:
        return None
    parts = []

    def write(v):
        if isinstance(v, bool):
            parts.append("1" if v else "0")
        elif isinstance(v, (int, float)):
            parts.append(repr(v))
        elif isinstance(v, str):
            data = v.encode("utf-8")
            parts.append("%d %s" % (len(data), v))
        elif isinstance(v, (list, tuple)):
            parts.append(str(len(v)))
            for x in v:
                write(x)
        else:
            raise ValueError("the C++ harness cannot pass %r" % (v,))

    try:
        for v in values:
            write(v)
    except ValueError:
        return None
    return "\n".join(parts) + "\n"
