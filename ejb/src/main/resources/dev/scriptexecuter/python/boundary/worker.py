"""A warm worker: forks one child per run, and each child does exactly what
`python -u -I harness.py RUN_DIR` would do in a process of its own.

Started by the server, inside the same limits and sandbox as a spawned run, as:
    python -u -I worker.py HARNESS [--sweep] [MODULE ...]

It imports the harness (and MODULEs, when asked to preload them) once, then
serves one run at a time. The server talks to it in JSON lines: requests on
the worker's stdin, replies on its stdout, which no run ever writes to.

    -> {"op": "run", "dir": RUN_DIR, "output": FIFO, "env": {...}, "nproc": N}
    <- {"started": PID}            FIFO made, the child forked; the server opens FIFO
    -> {"op": "kill"}              (stop or timeout) SIGKILL to the child's group
    <- {"exit": CODE, "usage": {...}}  the child is gone (128 + signal when killed); its CPU
                                   time and peak memory, as wait4 gives them

The child leads a process group of its own, connects stdout and stderr to
FIFO (the run's log) and stdin to /dev/null, takes the run's environment
variables and process limit, and calls the harness's main(), which ends with
SystemExit: the child then shuts down as an interpreter does, as far as the
run can tell (non-daemon threads joined, atexit functions run, its own
modules finalised, streams flushed; see shut_down). With --sweep (the worker is alone in a
PID namespace, the sandbox), whatever a run left behind is killed when the
run ends, as it is when a spawned run's sandbox goes away.
"""
import atexit
import ctypes
import gc
import importlib.util
import json
import os
import resource
import select
import signal
import sys
import threading
import traceback

LIBC = ctypes.CDLL(None)

PROTOCOL_IN = 0
PROTOCOL_OUT = 1


def reply(**message):
    os.write(PROTOCOL_OUT, (json.dumps(message) + "\n").encode("utf-8"))


def load_harness(path):
    spec = importlib.util.spec_from_file_location("ses_harness", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def preload(modules):
    """Imports what every run would import anyway; a module that fails is reported and left out."""
    failed = {}
    for name in modules:
        try:
            importlib.import_module(name)
        except BaseException as problem:  # noqa: B036 - an import may raise anything, even SystemExit
            failed[name] = "%s: %s" % (type(problem).__name__, problem)
    return failed


def exit_code(status):
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


def sweep(child):
    """Kills the run's group and, in the sandbox, every process of the namespace but init and this worker.

    The child itself first: until it has called setsid there is no group of its id."""
    for kill in (os.kill, os.killpg):
        try:
            kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if not SWEEP:
        return
    own = os.getpid()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in (1, own):
            try:
                os.kill(int(entry), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


RUN_ID_PLACEHOLDER = b"SES_RUN_ID=" + b"-" * 64 + b"\0"


def show_run_id(run_id):
    """Writes the run's id over the placeholder in this process's original
    environment block, so that /proc/PID/environ names the run as it does for
    a spawned run (tools and people find a run's processes by it). The block
    is this process's own memory; libc no longer reads the old value once
    os.environ has set the new one."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        start, end = int(fields[47]), int(fields[48])  # env_start and env_end, fields 50 and 51
        with open("/proc/self/mem", "r+b", buffering=0) as memory:
            memory.seek(start)
            block = memory.read(end - start)
            at = block.find(RUN_ID_PLACEHOLDER)
            value = run_id.encode("utf-8")
            if at >= 0 and len(value) <= 64:
                memory.seek(start + at + len(b"SES_RUN_ID="))
                memory.write(value + b"\0" * (65 - len(value)))
    except (OSError, ValueError, IndexError):
        pass  # only the marker is missing; the run itself is unaffected


def become_run(request, harness, private_fds):
    """In the forked child: the process a spawned run would be. Never returns normally."""
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in private_fds:
            os.close(fd)
        os.setsid()
        output = os.open(request["output"], os.O_WRONLY)  # waits until the server reads
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        nothing = os.open(os.devnull, os.O_RDONLY)
        os.dup2(nothing, 0)
        os.close(nothing)
        os.environ.update(request.get("env") or {})
        show_run_id(os.environ.get("SES_RUN_ID", ""))
        nproc = request.get("nproc")
        if nproc:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        sys.argv = [HARNESS, request["dir"]]
    except BaseException:  # noqa: B036 - nothing of the run has started; the server sees exit code 70
        os._exit(70)
    worker_modules = set(sys.modules)
    try:
        harness.main()
        code = 0
    except SystemExit as done:
        code = done.code
    shut_down(code, worker_modules)


def shut_down(code, worker_modules):
    """Ends the child as interpreter shutdown would, as far as a run can tell, then _exit.

    A full shutdown would also tear down every module the worker had loaded,
    touching (so copying) most of the memory shared with the worker: ~9 ms per
    run for nothing the run can see. What it can see is done, in the same
    order: non-daemon threads are waited for, atexit functions run, the
    modules the run itself loaded (its main and trigger code and what they
    imported) are torn down, so their objects are finalised (files flushed and
    closed, __del__ called), cycles are collected, and Python's and C's
    standard streams are flushed."""
    try:
        threading._shutdown()
    except BaseException:  # noqa: B036 - as at shutdown: reported, not fatal
        traceback.print_exc()
    atexit._run_exitfuncs()
    for name in reversed([name for name in list(sys.modules) if name not in worker_modules]):
        module = sys.modules.pop(name, None)
        try:
            module.__dict__.clear()
        except (AttributeError, TypeError):
            pass
    gc.collect()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: B036 - a broken stream cannot be flushed; exit all the same
            pass
    LIBC.fflush(None)
    os._exit(exit_status(code))


def exit_status(code):
    """The exit status an interpreter gives SystemExit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
        sys.stderr.flush()
    except BaseException:  # noqa: B036
        pass
    return 1


def serve(harness):
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    pending = b""
    child = None
    while True:
        readable, _, _ = select.select([PROTOCOL_IN, wake_read], [], [])
        if wake_read in readable:
            os.read(wake_read, 4096)
        if PROTOCOL_IN in readable:
            chunk = os.read(PROTOCOL_IN, 65536)
            if not chunk:
                if child is not None:
                    sweep(child)
                return
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line)
                if request["op"] == "run" and child is None:
                    os.mkfifo(request["output"], 0o600)
                    child = os.fork()
                    if child == 0:
                        become_run(request, harness, (wake_read, wake_write))
                    reply(started=child)
                elif request["op"] == "kill" and child is not None:
                    sweep(child)
        if child is not None:
            pid, status, used = os.wait4(child, os.WNOHANG)
            if pid == child:
                sweep(child)
                child = None
                # the run's own figures (and its waited-for children's), also when it was killed
                reply(exit=exit_code(status), usage={"userSeconds": used.ru_utime, "systemSeconds": used.ru_stime,
                                                     "maxRssKib": used.ru_maxrss})


def main():
    global HARNESS, SWEEP
    arguments = sys.argv[1:]
    HARNESS = arguments.pop(0)
    SWEEP = bool(arguments) and arguments[0] == "--sweep"
    if SWEEP:
        arguments.pop(0)
    harness = load_harness(HARNESS)
    failed = preload(arguments)
    # what exists now is shared with every child and never collected in it: the children's own
    # collections (and the one at their exit) skip it, and it stays shared copy-on-write
    gc.freeze()
    reply(ready=os.getpid(), failed=failed)
    serve(harness)


HARNESS = None
SWEEP = False

if __name__ == "__main__":
    main()
