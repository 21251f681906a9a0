"""Our own small reimplementation of the contract of verl's built-in code reward (prime_code), to check that the
exported ground truth fits it. Not verl's code: it keeps only what decides a row's fate there.

- no "fn_name": standard input. The program runs in this process with sys.stdin replaced by an io.StringIO of the
  input (so sys.stdin.buffer does not exist) and stdout captured; output lines compare after strip.
- "fn_name": call-based. Each input holds one JSON value per line, one line per argument; the class Solution is
  instantiated and its method called; the result must equal json.loads(output).

Usage: builtin_contract.py <ground truth file> <code file>; prints the fraction of tests passed.
"""

import contextlib
import io
import json
import sys


def run_stdin(code, test_input):
    out = io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(test_input)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "solution", "exec"), {"__name__": "__main__"})
    finally:
        sys.stdin = saved
    return out.getvalue()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        truth = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        code = f.read()
    passed = 0
    for test_input, expected in zip(truth["inputs"], truth["outputs"]):
        try:
            if truth.get("fn_name") is None:
                actual = run_stdin(code, test_input)
                ok = [line.strip() for line in actual.strip().split("\n")] == \
                     [line.strip() for line in expected.strip().split("\n")]
            else:
                namespace = {}
                exec(compile("from typing import *\n" + code, "solution", "exec"), namespace)
                args = [json.loads(line) for line in test_input.split("\n")]
                result = getattr(namespace["Solution"](), truth["fn_name"])(*args)
                if isinstance(result, tuple):
                    result = list(result)
                ok = result == json.loads(expected)
        except BaseException as e:  # noqa: B902 - a failing solution, whatever it raised
            print("test failed: %r" % (e,), file=sys.stderr)
            ok = False
        passed += 1 if ok else 0
    print(passed / len(truth["inputs"]))


if __name__ == "__main__":
    main()
