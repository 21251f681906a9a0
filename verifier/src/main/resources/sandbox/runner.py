"""SynthSmith sandbox runner: loads one program once, then runs it on many inputs, one fresh child per run.

It runs inside the bubblewrap sandbox as PID 1 of the run's PID namespace, so no process of a run can signal it,
and after every run it kills every other process of the namespace (orphans and double-forked children
included). Protocol on stdin/stdout: a request is one JSON line followed by the input bytes; a reply is one
JSON line followed by the stdout bytes and then the stderr bytes.

Usage: runner.py python <source file> | runner.py exec <binary>
"""
import builtins
import errno
import json
import os
import resource
import selectors
import signal
import sys
import time
import traceback

# Modules competitive programs commonly use, loaded once here so that forked children get them for free.
import bisect, collections, copy, decimal, fractions, functools, heapq, io, itertools, math, operator  # noqa
import random, re, string, typing  # noqa

STDERR_KEPT = 4096
PIPE_GRACE_SECONDS = 0.2
ISOLATED = os.getpid() == 1


def main():
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    set_not_dumpable()
    mode, program = sys.argv[1], sys.argv[2]
    compiled, load_error = None, None
    if mode == "python":
        try:
            with open(program, "rb") as source:
                compiled = compile(source.read(), "solution.py", "exec")
        except BaseException as error:
            load_error = "".join(traceback.format_exception_only(type(error), error))
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    counter = 0
    while True:
        header = requests.readline()
        if not header:
            return
        request = json.loads(header)
        data = read_exactly(requests, request["input"])
        counter += 1
        if load_error is not None:
            reply = {"status": "exited", "exitCode": 1, "signal": 0, "cpuMs": 0, "wallMs": 0, "maxRssKb": 0}
            out, err = b"", load_error.encode()
        else:
            reply, out, err = run_once(mode, program, compiled, request, data, counter)
        reply["stdout"], reply["stderr"] = len(out), len(err)
        replies.write(json.dumps(reply).encode() + b"\n")
        replies.write(out)
        replies.write(err)
        replies.flush()


def set_not_dumpable():
    """Keeps a run from opening this process's pipes through /proc/1/fd or tracing it."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except OSError:
        pass


def read_exactly(stream, size):
    chunks, left = [], size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("request input ended early")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def run_once(mode, program, compiled, request, data, counter):
    workdir = "/tmp/run-%d" % counter if ISOLATED else os.path.abspath("run-%d" % counter)
    os.makedirs(workdir, exist_ok=True)
    input_path = workdir + ".in"
    with open(input_path, "wb") as stdin_file:
        stdin_file.write(data)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    sys.stdout.flush()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        child(mode, program, compiled, request, input_path, workdir, out_w, err_w)
    os.close(out_w)
    os.close(err_w)
    status, out, err = supervise(pid, out_r, err_r, request)
    wall_ms = int((time.monotonic() - started) * 1000)
    _, wait_status, usage = os.wait4(pid, 0)
    clean_up(pid)
    remove_tree(workdir)
    os.unlink(input_path)
    cpu_ms = int((usage.ru_utime + usage.ru_stime) * 1000)
    reply = {"status": status, "exitCode": 0, "signal": 0, "cpuMs": cpu_ms, "wallMs": wall_ms,
             "maxRssKb": usage.ru_maxrss}
    if os.WIFEXITED(wait_status):
        reply["exitCode"] = os.WEXITSTATUS(wait_status)
    elif os.WIFSIGNALED(wait_status):
        reply["signal"] = os.WTERMSIG(wait_status)
    return reply, out, err[-STDERR_KEPT:]


def supervise(pid, out_r, err_r, request):
    """Collects the child's output until it exits, its wall time runs out, or its output passes the limit."""
    deadline = time.monotonic() + request["wallMs"] / 1000.0
    limit = request["outputBytes"]
    pidfd = os.pidfd_open(pid)
    selector = selectors.DefaultSelector()
    selector.register(out_r, selectors.EVENT_READ, "out")
    selector.register(err_r, selectors.EVENT_READ, "err")
    selector.register(pidfd, selectors.EVENT_READ, "exit")
    out, err = bytearray(), bytearray()
    status, open_pipes, exited_at = "exited", 2, None
    while open_pipes > 0 or exited_at is None:
        now = time.monotonic()
        if exited_at is not None and now - exited_at > PIPE_GRACE_SECONDS:
            break  # the program exited but a leftover process holds its pipes open
        if exited_at is None and now >= deadline:
            status = "timeout"
            break
        wait = PIPE_GRACE_SECONDS if exited_at is not None else deadline - now
        for key, _ in selector.select(wait):
            if key.data == "exit":
                exited_at = time.monotonic()
                selector.unregister(pidfd)
                continue
            chunk = os.read(key.fd, 65536)
            if not chunk:
                selector.unregister(key.fd)
                open_pipes -= 1
            elif key.data == "out":
                out += chunk
            elif len(err) < STDERR_KEPT * 4:
                err += chunk
        if len(out) > limit:
            status = "output_limit"
            break
    selector.close()
    os.close(pidfd)
    kill_run(pid)
    os.close(out_r)
    os.close(err_r)
    return status, bytes(out[:limit + 1]), bytes(err)


def kill_run(pid):
    if ISOLATED:
        try:
            os.kill(-1, signal.SIGKILL)  # every process of the namespace but this one
        except ProcessLookupError:
            pass
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def clean_up(pid):
    """Reaps what the run left behind: as PID 1, orphans of the run are this process's children."""
    if not ISOLATED:
        return
    while True:
        try:
            reaped, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if reaped == 0:
            kill_run(pid)
            time.sleep(0.001)


def remove_tree(path):
    for root, dirs, files in os.walk(path, topdown=False):
        for name in files:
            try_remove(os.unlink, os.path.join(root, name))
        for name in dirs:
            try_remove(os.rmdir, os.path.join(root, name))
    try_remove(os.rmdir, path)


def try_remove(remove, path):
    try:
        remove(path)
    except OSError as error:
        if error.errno not in (errno.ENOENT, errno.EACCES, errno.EPERM):
            raise


def child(mode, program, compiled, request, input_path, workdir, out_w, err_w):
    try:
        os.setsid()
        cpu_seconds = (request["cpuMs"] + 999) // 1000
        limit(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
        limit(resource.RLIMIT_AS, request["memoryBytes"])
        limit(resource.RLIMIT_STACK, request["stackBytes"])
        limit(resource.RLIMIT_FSIZE, request["fileBytes"])
        limit(resource.RLIMIT_NPROC, request["processes"])
        limit(resource.RLIMIT_CORE, 0)
        for number in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        stdin_fd = os.open(input_path, os.O_RDONLY)
        os.dup2(stdin_fd, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.closerange(3, 65536)
        os.chdir(workdir)
        args = request.get("args", [])
        if mode == "exec":
            os.execve(program, [program] + args, {})
        sys.stdin = open(0, "r", encoding="utf-8", errors="surrogateescape", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
        sys.argv = ["solution.py"] + args
        code = run_python(compiled)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                code = code or 1
        os._exit(code)
    except BaseException:
        try:
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(1)


def run_python(compiled):
    try:
        exec(compiled, {"__name__": "__main__", "__builtins__": builtins})
        return 0
    except SystemExit as stop:
        if stop.code is None:
            return 0
        if isinstance(stop.code, int):
            return stop.code & 0xFF
        print(stop.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1


def limit(kind, soft, hard=None):
    resource.setrlimit(kind, (soft, soft if hard is None else hard))


if __name__ == "__main__":
    main()
