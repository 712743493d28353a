"""Runs one script run: trigger(data), then main(data).

Called as: python -u -I harness.py RUN_DIR

RUN_DIR holds input.json ({"data": {...}, "force": bool, "input": {...},
"environment": {name: value}}: the run's variables, put into os.environ
first), main.py and, optionally, trigger.py. trigger and main get the run's
input as a second argument when they take one (def main(data, input)); scripts
with one parameter run as they always did. The harness writes
RUN_DIR/output.json with {"outcome": "SUCCEEDED"|"SKIPPED"|"FAILED", "data":
{...}|null, "error": str|null, "result": any JSON|null (what main returned),
"usage": {"userSeconds": float, "systemSeconds": float, "maxRssKib": int}} (the
run's CPU time and peak memory: the harness's and its waited-for children's).
It never talks to the server through stdout or stderr: those belong to the
user's code and become the run's log.
"""
import errno
import importlib.util
import json
import os
import resource
import signal
import sys
import threading
import time
import traceback


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def exit_status(exit_request):
    """A script calling sys.exit(0) or sys.exit() finished normally."""
    return exit_request.code in (None, 0)


def watch_parent():
    """Kill this process group when the server that started it dies.

    The server starts the harness in a session of its own (setsid), so a
    server killed with SIGKILL would otherwise leave the run going forever.
    """
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


CO_VARARGS = 0x04


def takes_input(function):
    """Whether a function can take a second positional argument: def main(data, input), or *args."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    if code.co_flags & CO_VARARGS:
        return True
    # a bound method's first parameter is its object
    own = 1 if getattr(function, "__self__", None) is not None else 0
    return code.co_argcount - own >= 2


def call(function, data, given):
    return function(data, given) if takes_input(function) else function(data)


def run(run_dir, request, data):
    """The outcome, the data as the run left it, and what main returned."""
    given = request.get("input") or {}
    trigger_path = os.path.join(run_dir, "trigger.py")
    if not request.get("force") and os.path.exists(trigger_path):
        trigger = load_module(trigger_path, "trigger")
        if not call(trigger.trigger, data, given):
            return "SKIPPED", data, None
    main = load_module(os.path.join(run_dir, "main.py"), "main")
    result = call(main.main, data, given)
    return "SUCCEEDED", data, result


def user_report(failure, run_dir):
    """The failure as the user's code saw it: its traceback from the user's first frame on.

    The frames before it are the harness's (and the import machinery's while it
    loads main.py or trigger.py): they say nothing to the user and would show the
    server's paths. Files in the run's folder are named as the user knows them
    ("main.py"); frames below the user's, in their imports and in libraries, stay.
    """
    report = traceback.TracebackException(type(failure), failure, failure.__traceback__)
    folder = os.path.join(run_dir, "")
    frames = list(report.stack)
    first = next((i for i, frame in enumerate(frames) if frame.filename.startswith(folder)), len(frames))
    report.stack = traceback.StackSummary.from_list(frames[first:])
    shorten(report, folder, set())
    return report


def shorten(report, folder, seen):
    """Names the run folder's files without the folder, in the report and the exceptions chained to it."""
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    for frame in report.stack:
        if frame.filename.startswith(folder):
            frame.filename = frame.filename[len(folder):]
    if isinstance(getattr(report, "filename", None), str) and report.filename.startswith(folder):
        report.filename = report.filename[len(folder):]
    shorten(report.__cause__, folder, seen)
    shorten(report.__context__, folder, seen)


def describe(failure, report):
    """One line for the run's error; resource limits are named as such."""
    if isinstance(failure, MemoryError):
        return ("MemoryError: the run ran out of memory; its limit is the server's"
                " ses.run.memory-limit")
    if isinstance(failure, BlockingIOError) and failure.errno == errno.EAGAIN:
        return ("BlockingIOError: the run could not start another process or thread;"
                " it reached the server's ses.run.max-processes")
    return "".join(report.format_exception_only()).strip()


def usage():
    """CPU time and peak resident memory of this process and the children it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"userSeconds": own.ru_utime + children.ru_utime,
            "systemSeconds": own.ru_stime + children.ru_stime,
            "maxRssKib": max(own.ru_maxrss, children.ru_maxrss)}


def storable(result):
    """What main returned if it is JSON; else None, and the log says why (the run keeps its outcome)."""
    if result is None:
        return None
    try:
        json.dumps(result, allow_nan=False)
        return result
    except (TypeError, ValueError, RecursionError) as cause:
        print("[the value main returned is not JSON (%s): it is not stored as the run's result]" % cause,
              file=sys.stderr)
        return None


def encode(outcome, data, error, result=None):
    try:
        return json.dumps({"outcome": outcome, "data": data, "error": error, "result": storable(result),
                           "usage": usage()}, allow_nan=False)
    except (TypeError, ValueError) as cause:
        message = "data is not JSON-serialisable after the run: %s" % cause
        print(message, file=sys.stderr)
        return json.dumps({"outcome": "FAILED", "data": None, "error": message, "result": None, "usage": usage()})


def write_output(run_dir, text):
    partial = os.path.join(run_dir, "output.json.part")
    with open(partial, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(partial, os.path.join(run_dir, "output.json"))


def main():
    run_dir = sys.argv[1]
    with open(os.path.join(run_dir, "input.json"), encoding="utf-8") as source:
        request = json.load(source)
    # the run's variables: set here, inside the sandbox, not by the server for the programs outside it
    os.environ.update(request.get("environment") or {})
    watch_parent()
    harness_pid = os.getpid()
    data = request.get("data") or {}
    outcome, error, result = "FAILED", None, None
    try:
        outcome, data, result = run(run_dir, request, data)
    except SystemExit as exit_request:
        if exit_status(exit_request):
            outcome = "SUCCEEDED"
        else:
            error = "the script called sys.exit(%r)" % (exit_request.code,)
            print(error, file=sys.stderr)
    except BaseException as failure:
        report = user_report(failure, run_dir)
        sys.stderr.write("".join(report.format()))
        error = describe(failure, report)
    sys.stdout.flush()
    if os.getpid() != harness_pid:
        # a process the script forked came back here: only the harness itself reports
        os._exit(0 if outcome != "FAILED" else 1)
    report = encode(outcome, data, error, result)
    sys.stderr.flush()
    write_output(run_dir, report)
    sys.exit(0 if outcome != "FAILED" else 1)


if __name__ == "__main__":
    main()
