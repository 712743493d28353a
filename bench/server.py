"""What the benchmarks share: the packaged server started on a fresh root
directory and a free port, HTTP helpers, and timing."""
import json
import os
import shutil
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


MARIADB = os.environ.get("SES_BENCH_MARIADB", "127.0.0.1:3306")
MARIADB_DATABASE = "ses_bench"


def add_database_option(parser):
    parser.add_argument("--database", choices=("h2", "mariadb"), default="h2",
                        help="embedded H2 (default) or MariaDB at $SES_BENCH_MARIADB (127.0.0.1:3306; an account"
                             " that may create databases and users: $SES_BENCH_MARIADB_USER, default root, and"
                             " $SES_BENCH_MARIADB_PASSWORD, default none), in a database ses_bench made afresh")


def mysql(*arguments, **run_options):
    """The mysql client on $SES_BENCH_MARIADB as its administrative account (the password in the environment)."""
    host, port = MARIADB.split(":")
    environment = dict(os.environ, MYSQL_PWD=os.environ.get("SES_BENCH_MARIADB_PASSWORD", ""))
    return subprocess.run(["mysql", "-h", host, "-P", port, "-u", os.environ.get("SES_BENCH_MARIADB_USER", "root"),
                           *arguments], env=environment, check=True, **run_options)


def fresh_mariadb():
    """Database ses_bench made afresh, and a user for it (the server's pool needs a password)."""
    mysql("-e", "DROP DATABASE IF EXISTS %s; CREATE DATABASE %s;"
                " CREATE USER IF NOT EXISTS 'ses_bench'@'%%' IDENTIFIED BY 'ses-bench-only';"
                " GRANT ALL ON %s.* TO 'ses_bench'@'%%';" % ((MARIADB_DATABASE,) * 3))
    return {"DB_URL": "jdbc:mariadb://%s/%s" % (MARIADB, MARIADB_DATABASE), "DB_USER": "ses_bench",
            "DB_PASSWORD": "ses-bench-only", "DB_NAME": MARIADB_DATABASE}


# how the run command keeps Payara Micro to one node (README); start_server(single_node=...) tries another way
SINGLE_NODE = ["--nohazelcast"]


def start_server(home, port, settings=(), database="h2", target=None, launcher="jar", environment=None,
                 single_node=None):
    """The Micro WAR on embedded H2 or MariaDB; settings are -D options for the server's JVM; target is the
    micro/target folder of the build to start (default: this checkout's). launcher "jar" starts Payara Micro's
    jar as it is (the runtime unpacked at every start); "script" starts it as the README's run command and the
    image do (config/payara/start-micro.sh: unpacked once, ahead-of-time cache); environment adds variables.
    A home that was started before keeps its database: that is a restart. single_node: the Payara Micro options
    that keep it to one node (default SINGLE_NODE)."""
    # SES_BENCH_TARGET: the micro/target folder of another build (say, an older commit's) to measure
    micro = target or os.environ.get("SES_BENCH_TARGET", os.path.join(ROOT, "micro", "target"))
    # the newest copy: a build without "clean" leaves the jar of an earlier Payara version beside it
    jar = max((os.path.join(micro, f) for f in os.listdir(micro) if f.startswith("payara-micro-") and f.endswith(".jar")),
              key=os.path.getmtime)
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    log = open(os.path.join(home, "server.log"), "w")
    environment = dict(os.environ, **(environment or {}))
    options = []
    post_boot = os.path.join(ROOT, "config", "payara", "post-boot-commands.asadmin")
    if database == "mariadb":
        environment.update(fresh_mariadb())
        post_boot = os.path.join(ROOT, "config", "payara", "post-boot-mariadb.asadmin")
        options = ["--addLibs", os.path.join(micro, "mariadb-java-client.jar")]
    # SES_BENCH_POSTBOOT: another post-boot command file, to measure a configuration change
    post_boot = os.environ.get("SES_BENCH_POSTBOOT", post_boot)
    root = os.path.join(home, "payara")
    micro_options = ["--deploy", os.path.join(micro, "script-executer.war"), "--contextroot", "/",
                     "--port", str(port),
                     "--prebootcommandfile", os.path.join(ROOT, "config", "payara", "pre-boot-commands.asadmin"),
                     "--postbootcommandfile", post_boot, *options, *(SINGLE_NODE if single_node is None else single_node)]
    if launcher == "script":
        environment.update(JAVA=java, SES_ADMIN_PASSWORD=PASSWORD,
                           JAVA_OPTS=" ".join([environment.get("JAVA_OPTS", ""), *settings]).strip())
        command = ["sh", os.path.join(ROOT, "config", "payara", "start-micro.sh"), jar, root, *micro_options]
    else:
        forget_deployment(root)
        command = [java, "-Dses.admin.password=" + PASSWORD, *settings, "-jar", jar, "--rootDir", root,
                   *micro_options]
    for attempt in (1, 2):
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        try:
            return process, wait_until_answering(process, port, log.name)
        except Stalled:
            process.kill()
            process.wait()
            if attempt == 2:
                sys.exit("Payara Micro stalled twice while starting; see " + log.name)
            # Payara Micro 7 now and then deadlocks while it boots (README): start it once more, as the suite does
            print("Payara Micro stalled while starting (no log output for %d s); starting it again" % STALL_SECONDS,
                  file=sys.stderr)
            if launcher != "script":
                forget_deployment(root)
        except BaseException:
            process.kill()
            raise


def server_for(home, settings=(), database="h2"):
    """The server at $SES_BENCH_URL when that is set (a quick check of the harness against a server that is running
    already: the test suite's, with its own settings and admin password $SES_BENCH_PASSWORD), else a new one as
    start_server starts it. The process is None for a server that was running: stop_server leaves it be."""
    url = os.environ.get("SES_BENCH_URL")
    if not url:
        return start_server(home, free_port(), settings, database=database)
    if database != "h2":
        sys.exit("--database starts a server of its own: unset SES_BENCH_URL")
    print("measuring the server that runs at %s (its own settings, not %s)" % (url, " ".join(settings) or "none"),
          file=sys.stderr)
    return None, url if url.endswith("/") else url + "/"


def forget_deployment(root):
    """What the run command did before the start script: forget the previous start's deployment, keep the
    database."""
    for folder in ("config", "applications", "generated"):
        shutil.rmtree(os.path.join(root, folder), ignore_errors=True)


STALL_SECONDS = 90


class Stalled(Exception):
    """The server's log has not grown for STALL_SECONDS while it was starting."""


def wait_until_answering(process, port, log):
    base = "http://127.0.0.1:%d/" % port
    deadline = time.time() + 300
    size, grown = -1, time.time()
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "login.xhtml", timeout=5)
            return base
        except Exception:
            if process.poll() is not None:
                sys.exit("Payara Micro exited; see " + log)
            now_size = os.path.getsize(log)
            if now_size != size:
                size, grown = now_size, time.time()
            elif time.time() - grown > STALL_SECONDS:
                raise Stalled()
            time.sleep(0.2)
    sys.exit("Payara Micro did not start in 5 minutes; see " + log)


def memory_kib(pid):
    """VmRSS, RssAnon and RssFile + RssShmem of a process, in KiB (zeros once it is gone)."""
    values = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0, "RssShmem": 0}
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in values:
                    values[name] = int(rest.split()[0])
    except OSError:
        pass
    return values["VmRSS"], values["RssAnon"], values["RssFile"] + values["RssShmem"]


def stop_server(process, *folders):
    """Stops a server started by start_server (not one that was running: None) and removes its home (and any
    other folders given)."""
    if process is not None:
        process.terminate()
        process.wait(60)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def request(url, data=None, headers=None, method=None, opener=None, timeout=60):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    with (opener or urllib.request.build_opener()).open(req, timeout=timeout) as response:
        return response.read().decode("utf-8")


def admin_password():
    """The admin's password: the one start_server gives, or $SES_BENCH_PASSWORD for the server at $SES_BENCH_URL."""
    return os.environ.get("SES_BENCH_PASSWORD", PASSWORD) if os.environ.get("SES_BENCH_URL") else PASSWORD


def token(base):
    body = json.dumps({"username": "admin", "password": admin_password()}).encode()
    return json.loads(request(base + "api/auth/token", body, {"Content-Type": "application/json"}))["token"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


def summary(values):
    """Median and 90th percentile."""
    return statistics.median(values), percentile(values, 0.9)
