"""What the benchmarks share: the packaged server started on a fresh root
directory and a free port, HTTP helpers, and timing."""
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "bench-admin-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(home, port, settings=()):
    """The Micro WAR on embedded H2; settings are -D options for the server's JVM."""
    micro = os.path.join(ROOT, "micro", "target")
    jar = next(os.path.join(micro, f) for f in os.listdir(micro) if f.startswith("payara-micro-") and f.endswith(".jar"))
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    log = open(os.path.join(home, "server.log"), "w")
    process = subprocess.Popen([java, "-Dses.admin.password=" + PASSWORD, *settings, "-jar", jar,
                                "--deploy", os.path.join(micro, "script-executer.war"), "--contextroot", "/",
                                "--port", str(port), "--rootDir", os.path.join(home, "payara"),
                                "--postbootcommandfile", os.environ.get("SES_BENCH_POSTBOOT", os.path.join(ROOT, "config", "payara", "post-boot-commands.asadmin")),
                                "--nocluster"], stdout=log, stderr=subprocess.STDOUT)
    base = "http://127.0.0.1:%d/" % port
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "login.xhtml", timeout=5)
            return process, base
        except Exception:
            if process.poll() is not None:
                sys.exit("Payara Micro exited; see " + log.name)
            time.sleep(1)
    sys.exit("Payara Micro did not start in 5 minutes")


def request(url, data=None, headers=None, method=None, opener=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    with (opener or urllib.request.build_opener()).open(req, timeout=60) as response:
        return response.read().decode("utf-8")


def token(base):
    body = json.dumps({"username": "admin", "password": PASSWORD}).encode()
    return json.loads(request(base + "api/auth/token", body, {"Content-Type": "application/json"}))["token"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


def summary(values):
    """Median and 90th percentile."""
    return statistics.median(values), percentile(values, 0.9)
