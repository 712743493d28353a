"""Runs one script run: trigger(data), then main(data).

Called as: python -u -I harness.py RUN_DIR

RUN_DIR holds input.json ({"data": {...}, "force": bool, "environment": {name:
value}}: the run's variables, put into os.environ first), main.py and,
optionally, trigger.py. The harness writes RUN_DIR/output.json with
{"outcome": "SUCCEEDED"|"SKIPPED"|"FAILED", "data": {...}|null, "error": str|null,
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


def run(run_dir, request, data):
    trigger_path = os.path.join(run_dir, "trigger.py")
    if not request.get("force") and os.path.exists(trigger_path):
        trigger = load_module(trigger_path, "trigger")
        if not trigger.trigger(data):
            return "SKIPPED", data
    main = load_module(os.path.join(run_dir, "main.py"), "main")
    main.main(data)
    return "SUCCEEDED", data


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


def encode(outcome, data, error):
    try:
        return json.dumps({"outcome": outcome, "data": data, "error": error, "usage": usage()}, allow_nan=False)
    except (TypeError, ValueError) as cause:
        message = "data is not JSON-serialisable after the run: %s" % cause
        print(message, file=sys.stderr)
        return json.dumps({"outcome": "FAILED", "data": None, "error": message, "usage": usage()})


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
    outcome, error = "FAILED", None
    try:
        outcome, data = run(run_dir, request, data)
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
    sys.stderr.flush()
    write_output(run_dir, encode(outcome, data, error))
    sys.exit(0 if outcome != "FAILED" else 1)


if __name__ == "__main__":
    main()
