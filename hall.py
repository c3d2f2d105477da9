"""A lecture hall: N Streamlit replicas behind nginx, sessions sticky by cookie.

    python3 lab.py run --replicas 2    # what a teacher types (see README)

Stdlib only: ``lab.py`` imports it before the virtual environment exists, and
``bench/`` and ``tests/`` use it to start the same hall.

Why a cookie, not ``ip_hash``: nginx hashes the first three octets of an IPv4
address, so a whole hall on one Wi-Fi subnet (and every loopback test) would
land on one replica. Open-source nginx has no ``sticky cookie``, so the
generated configuration does it with two ``map``s: a visitor without the
cookie goes round robin to any replica and is told, by a ``Set-Cookie`` built
from ``$upstream_addr``, which one answered; a visitor with the cookie goes to
that replica (its websocket, media, uploads and component files alike). Each
replica's upstream lists the others as backups, so a visitor whose replica
died lands on another one and the cookie follows.

nginx runs as the current user: the configuration, pid, logs and temp paths
all live in one run directory, and ``nginx -p RUN -c RUN/nginx.conf -e
RUN/error.log -g 'daemon off;'`` stays in the foreground. Ctrl-C (or SIGTERM)
stops nginx and every replica.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
ENTRY = "server.py"  # app.py plus cache headers and warm-up at start
COOKIE = "descent_lab_replica"
HEADER = "X-Descent-Lab-Replica"  # names the replica that answered


@dataclass(frozen=True)
class Replica:
    """One upstream server: ``name`` is the cookie's value, ``address`` is
    ``host:port`` as nginx reports it in ``$upstream_addr``."""

    name: str
    address: str


def parser() -> argparse.ArgumentParser:
    """``lab.py run``'s options; anything else goes on to ``streamlit run``."""
    p = argparse.ArgumentParser(prog="python3 lab.py run", allow_abbrev=False)
    p.add_argument("--replicas", type=int, default=0, help="0: one plain server")
    p.add_argument("--port", type=int, default=None, help="students' port (8501)")
    p.add_argument("--address", default="0.0.0.0", help="the proxy's address")
    p.add_argument("--replica-address", default="127.0.0.1")
    p.add_argument("--replica-port", type=int, default=8511, help="the first one")
    p.add_argument(
        "--upstream",
        action="append",
        default=[],
        metavar="HOST:PORT",
        help="a replica on another machine (repeat for each)",
    )
    p.add_argument(
        "--no-proxy", action="store_true", help="replicas only (another machine)"
    )
    return p


def local_replicas(address: str, first_port: int, n: int) -> list[Replica]:
    return [Replica(f"r{i}", f"{address}:{first_port + i}") for i in range(n)]


def all_replicas(local: Sequence[Replica], remote: Sequence[str]) -> list[Replica]:
    """Local replicas first, then the other machines' (r<k> numbering on)."""
    n = len(local)
    return [*local, *(Replica(f"r{n + i}", a) for i, a in enumerate(remote))]


def _upstream(name: str, servers: Sequence[str], backups: Sequence[str]) -> str:
    lines = [f"    upstream {name} {{", f"        zone {name} 64k;"]
    lines += [f"        server {s};" for s in servers]
    lines += [f"        server {s} backup;" for s in backups]
    lines += ["        keepalive 8;", "    }"]
    return "\n".join(lines)


def _map(source: str, target: str, entries: Sequence[tuple[str, str]]) -> str:
    lines = [f"    map {source} {target} {{"]
    lines += [f"        {k} {v};" for k, v in entries]
    return "\n".join([*lines, "    }"])


def _user_line() -> str:
    """nginx started by root would run its workers as ``nobody``, who cannot
    write to our run directory; any other user is kept anyway."""
    if os.geteuid() != 0:
        return ""
    import grp
    import pwd

    user = pwd.getpwuid(os.geteuid()).pw_name
    return f"user {user} {grp.getgrgid(os.getegid()).gr_name};\n"


def _listen(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def _routing(replicas: Sequence[Replica]) -> list[str]:
    """The upstreams and maps that make sessions sticky (module docstring)."""
    addresses = [r.address for r in replicas]
    blocks = [_upstream("hall", addresses, [])]
    for r in replicas:
        others = [a for a in addresses if a != r.address]
        blocks.append(_upstream(r.name, [r.address], others))
    pick = [("default", "hall"), *((r.name, r.name) for r in replicas)]
    blocks.append(_map(f"$cookie_{COOKIE}", "$hall_upstream", pick))
    # After a failover $upstream_addr lists every address tried: the last won.
    answered = [("default", '""')]
    answered += [(f'"~(^|[ ,]){re.escape(r.address)}$"', r.name) for r in replicas]
    blocks.append(_map("$upstream_addr", "$hall_replica", answered))
    cookie = [("default", '""')]
    cookie += [
        (r.name, f'"{COOKIE}={r.name}; Path=/; SameSite=Lax; HttpOnly"')
        for r in replicas
    ]
    blocks.append(_map("$hall_replica", "$hall_cookie", cookie))
    # No Upgrade header: no Connection header, so upstream keepalive works.
    upgrade = [("default", "upgrade"), ('""', '""')]
    blocks.append(_map("$http_upgrade", "$hall_connection", upgrade))
    return blocks


SERVER = """    server {{
        listen {listen};
        location / {{
            proxy_pass http://$hall_upstream;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;  # Streamlit's same-origin check
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $hall_connection;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A student's websocket stays open (and may be quiet) for a lecture.
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;  # reruns stream delta by delta
            # Empty values add no header: nothing is said when nothing answered.
            add_header Set-Cookie $hall_cookie always;
            add_header {header} $hall_replica always;
        }}
    }}"""


def nginx_conf(replicas: Sequence[Replica], listen: str, port: int, run: Path) -> str:
    """A complete nginx.conf whose every path is inside ``run``."""
    head = f"""# Generated by hall.py for one run; delete with its directory.
{_user_line()}worker_processes 1;  # round robin alternates within one worker
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format hall '$remote_addr [$time_local] "$request" $status '
                    '$body_bytes_sent $upstream_addr $request_time';
    access_log {run}/access.log hall;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    client_max_body_size 200m;  # Streamlit's server.maxUploadSize
    # Streamlit sends its own JavaScript (4 MB a first load) uncompressed, to
    # spare its Python process; nginx compresses it in C, off the replicas.
    # plotly.js arrives gzipped already and passes as it is.
    gzip on;
    gzip_proxied any;
    gzip_comp_level 4;
    gzip_min_length 1024;
    gzip_vary on;
    gzip_types application/javascript text/javascript text/css application/json
               image/svg+xml font/ttf;
"""
    server = SERVER.format(listen=_listen(listen, port), header=HEADER)
    return "\n".join([head, *_routing(replicas), server, "}", ""])


def _pin(pid: int, core: int) -> None:
    """One replica per core: JAX's thread pools ignore thread-count flags,
    affinity holds (NOTES.md). Set from here as soon as the replica has
    started (a fresh interpreter, which starts its threads, and JAX's, only
    after its imports: they inherit it), not in a ``preexec_fn``: that forks
    a parent that may be running threads (JAX's, in the tests), which Python
    documents as unsafe. A replica that has already exited is left to the
    health check."""
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(pid, {core})


def start_replicas(
    streamlit: Path,
    replicas: Sequence[Replica],
    extra: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    output: int | None = None,
) -> list[subprocess.Popen]:
    """``streamlit run server.py`` on each replica's address, headless; the
    i-th pinned to core i when there are no more replicas than cores."""
    cores = os.cpu_count() or 1
    procs = []
    for i, replica in enumerate(replicas):
        host, port = replica.address.rsplit(":", 1)
        command = [str(streamlit), "run", ENTRY, "--server.address", host.strip("[]")]
        command += ["--server.port", port, "--server.headless", "true"]
        # Its banner would name the replica's port; students use the proxy's.
        command += ["--logger.hideWelcomeMessage", "true", *extra]
        proc = subprocess.Popen(
            command, cwd=ROOT, env=None if env is None else dict(env), stdout=output
        )
        if len(replicas) <= cores:
            _pin(proc.pid, i)
        procs.append(proc)
    return procs


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack), or None."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


def nginx_command(run: Path, *flags: str) -> list[str]:
    """nginx with every path of its own under ``run`` (``-e``: the log it
    opens before reading the configuration), as the current user."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    conf, log = str(run / "nginx.conf"), str(run / "error.log")
    return [nginx, "-p", str(run), "-c", conf, "-e", log, *flags]


def start_nginx(conf: str, run: Path) -> subprocess.Popen:
    """nginx in the foreground, ``conf`` written into ``run``."""
    (run / "nginx.conf").write_text(conf)
    return subprocess.Popen(nginx_command(run, "-g", "daemon off;"))


def healthy(address: str, timeout: float, proc: subprocess.Popen | None) -> bool:
    """Polls ``/_stcore/health`` until it answers 200, ``proc`` exits, or
    ``timeout`` s pass."""
    host = "127.0.0.1" if address.startswith("0.0.0.0:") else address
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc is None or proc.poll() is None):
        try:
            with urllib.request.urlopen(f"http://{host}/_stcore/health", timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def stop_all(procs: Sequence[subprocess.Popen]) -> None:
    """SIGTERM each (nginx: fast shutdown; streamlit: graceful), then wait."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the hall the way Ctrl-C does


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses, from its own name (no network request)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return sorted({i[4][0] for i in infos if not i[4][0].startswith("127.")})


def _announce(address: str, port: int) -> None:
    hosts = lan_addresses() if address == "0.0.0.0" else [address]
    for host in hosts:
        print(f"hall: students open http://{host}:{port}", flush=True)


def _launch(
    options: argparse.Namespace,
    extra: Sequence[str],
    streamlit: Path,
    run: Path,
    procs: list[subprocess.Popen],
) -> None:
    """Starts the replicas, waits until they answer, then starts nginx; adds
    every process to ``procs`` as it starts (replicas first, nginx last), so
    an interrupted start is stopped too."""
    if not options.no_proxy and nginx_binary() is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    local = local_replicas(
        options.replica_address, options.replica_port, options.replicas
    )
    procs += start_replicas(streamlit, local, extra)
    for r, proc in zip(local, procs, strict=True):
        if not healthy(r.address, 180, proc):
            raise RuntimeError(f"replica {r.name} ({r.address}) did not start")
        print(f"hall: replica {r.name} answers on {r.address}", flush=True)
    if options.no_proxy:
        return
    port = 8501 if options.port is None else options.port
    replicas = all_replicas(local, options.upstream)
    procs.append(start_nginx(nginx_conf(replicas, options.address, port, run), run))
    if not healthy(f"{options.address}:{port}", 30, procs[-1]):
        raise RuntimeError(f"nginx did not start: see {run / 'error.log'}")
    _announce(options.address, port)


def serve(options: argparse.Namespace, extra: Sequence[str], streamlit: Path) -> int:
    """Runs the hall until Ctrl-C, SIGTERM, or nginx exits; stops it all."""
    signal.signal(signal.SIGTERM, _interrupt)
    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="descent-lab-hall-") as tmp:
        run = Path(tmp)
        try:
            _launch(options, extra, streamlit, run, procs)
            print("hall: running; Ctrl-C stops every process", flush=True)
            while all(p.poll() is None for p in procs[-1:]):
                time.sleep(0.5)
            return 1  # nginx (or, with --no-proxy, the last replica) exited
        except KeyboardInterrupt:
            return 0
        except RuntimeError as err:
            print(f"hall: {err}", file=sys.stderr, flush=True)
            return 1
        finally:
            # The proxy first: no student is sent to a replica that is leaving.
            stop_all(procs[::-1])
            print("hall: stopped", flush=True)
