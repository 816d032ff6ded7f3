"""The local Neo4j Community server: fetch its jars, start, stop and inspect it.

Used by `ownergraph db ...` (graph/dbcli.py) and the test fixtures (tests/conftest.py); how the
rest of ownergraph finds this server is in graph/connection.py. The pom and the neo4j.conf
template live in server/. POSIX only (the server is spawned with posix_spawn).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from ingest.errors import PortInUse
from server.jvm import (
    JVM_FLAGS,
    NEO4J_VERSION,
    SERVER_DIR,
    ServerError,
    alive,
    default_lib_dir,
    find_java,
    install,
    log_tail,
    require_jars,
    spawn,
    terminate,
)

__all__ = [
    "DEFAULT_BOLT_PORT",
    "DEFAULT_DATA_DIR",
    "DEFAULT_HTTP_PORT",
    "NEO4J_VERSION",
    "LocalServer",
    "PortInUse",
    "ServerError",
    "default_lib_dir",
    "install",
    "read_password",
    "require_free_port",
    "start",
    "status",
    "stop",
]

DEFAULT_DATA_DIR = Path(".neo4j")
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
USER = "neo4j"
CLAIM_DEFAULT_PASSWORD = "ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $password"


@dataclass(frozen=True, slots=True)
class LocalServer:
    """A running local server, as `start` launched it or `status` found it."""

    data_dir: Path
    pid: int
    bolt_port: int
    http_port: int
    password: str | None  # None: auth disabled
    password_generated: bool = False  # start() made up a new password: show it once
    heap: str = "1g"  # the JVM heap it was started with
    pagecache: str = "512m"  # and its page cache, so a restart can keep both

    @property
    def user(self) -> str:
        return USER

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/"


def start(
    data_dir: Path = DEFAULT_DATA_DIR,
    *,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    password: str | None = None,
    auth: bool = True,
    lib_dir: Path | None = None,
    heap: str = "1g",
    pagecache: str = "512m",
    timeout: float = 120.0,
) -> LocalServer:
    """Launch a detached server on loopback and return once Bolt and HTTP answer.

    With auth, `password` (e.g. from NEO4J_PASSWORD) wins, then the one kept in the data dir,
    else a new one is generated and kept there (mode 0600).
    """
    home = Path(data_dir).resolve()
    if (running := status(home)) is not None:
        raise ServerError(f"Neo4j is already running from {home} (pid {running.pid})")
    lib, java = require_jars(lib_dir), find_java()
    require_free_port("bolt", bolt_port)
    require_free_port("http", http_port)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    secret, generated = _choose_password(home, password) if auth else (None, False)
    auth_enabled = "true" if auth else "false"
    _write_conf(
        home,
        bolt_port=bolt_port,
        http_port=http_port,
        auth_enabled=auth_enabled,
        pagecache=pagecache,
    )
    if secret is not None and not (home / "data" / "databases" / "system").exists():
        _set_initial_password(java, lib, home, secret)
    pid = spawn([java, f"-Xms{heap}", f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{lib}/*"], home)
    server = LocalServer(home, pid, bolt_port, http_port, secret, generated, heap, pagecache)
    state = {
        "pid": pid,
        "bolt": bolt_port,
        "http": http_port,
        "auth": auth,
        "heap": heap,
        "pagecache": pagecache,
    }
    _state_file(home).write_text(json.dumps(state))
    try:
        _wait_until_ready(server, timeout)
    except BaseException:
        terminate(pid, home, timeout=60.0)
        _state_file(home).unlink(missing_ok=True)
        raise
    if secret is not None:
        _write_secret(home, secret)
    return server


def stop(data_dir: Path = DEFAULT_DATA_DIR, *, timeout: float = 120.0) -> int | None:
    """SIGTERM the server and wait for its checkpoint; return its pid, None if not running."""
    home = Path(data_dir).resolve()
    server = status(home)
    if server is None:
        _state_file(home).unlink(missing_ok=True)
        return None
    killed = terminate(server.pid, home, timeout=timeout)
    _state_file(home).unlink(missing_ok=True)
    if killed:
        raise ServerError(f"Neo4j (pid {server.pid}) ignored SIGTERM for {timeout:.0f} s: killed")
    return server.pid


def status(data_dir: Path = DEFAULT_DATA_DIR) -> LocalServer | None:
    """The server running from `data_dir`, or None."""
    home = Path(data_dir).resolve()
    try:
        state = json.loads(_state_file(home).read_text())
    except (OSError, ValueError):
        return None
    if not alive(state["pid"], home):
        return None
    password = read_password(home) if state["auth"] else None
    memory = {k: state[k] for k in ("heap", "pagecache") if k in state}
    return LocalServer(home, state["pid"], state["bolt"], state["http"], password, **memory)


def read_password(data_dir: Path = DEFAULT_DATA_DIR) -> str | None:
    """The password kept in the data dir, or None (auth off or never started with auth)."""
    try:
        return (Path(data_dir) / "password").read_text().strip() or None
    except OSError:
        return None


def _state_file(home: Path) -> Path:
    return home / "server.json"


def require_free_port(role: str, port: int, host: str = "127.0.0.1") -> None:
    """PortInUse(role, port) unless nothing listens on ``port`` now."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
        try:
            probe.bind((host, port))
        except OSError as e:
            raise PortInUse(role, port) from e


def _choose_password(home: Path, password: str | None) -> tuple[str, bool]:
    if password:
        return password, False
    if (kept := read_password(home)) is not None:
        return kept, False
    generated = secrets.token_urlsafe(18)
    _write_secret(home, generated)
    return generated, True


def _write_secret(home: Path, secret: str) -> None:
    path = home / "password"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secret + "\n")
    path.chmod(0o600)


def _write_conf(home: Path, **values: object) -> None:
    template = Template((SERVER_DIR / "neo4j.conf.template").read_text())
    (home / "conf").mkdir(exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(template.substitute(values, home=home))


def _set_initial_password(java: str, lib: Path, home: Path, secret: str) -> None:
    """Run ``neo4j-admin dbms set-initial-password`` with the password in an argument file
    (picocli's ``@file``, mode 0600, removed afterwards), never on the command line, where
    any local user could read it in ``/proc/<pid>/cmdline``. The file ends the options
    (``--``) first: one generated password in 64 starts with a dash."""
    cmd = [java, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "dbms", "set-initial-password"]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    quoted = '"' + secret.replace("\\", "\\\\").replace('"', '\\"') + '"'
    argfile = home / "run" / "initial-password.args"
    argfile.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(argfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write("--\n" + quoted + "\n")
        done = subprocess.run(
            [*cmd, f"@{argfile}"], env=env, capture_output=True, text=True, check=False
        )
    finally:
        argfile.unlink(missing_ok=True)
    if done.returncode != 0:  # the first line says why; picocli's usage text follows it
        said = (done.stdout + done.stderr).strip().splitlines() or [f"exit {done.returncode}"]
        raise ServerError(f"could not set the initial password: {said[0]}")


def _wait_until_ready(server: LocalServer, timeout: float) -> None:
    deadline, last = time.monotonic() + timeout, "no answer yet"
    while time.monotonic() < deadline:
        if not alive(server.pid, server.data_dir):
            raise ServerError(f"Neo4j exited while starting{log_tail(server.data_dir)}")
        try:
            _probe(server)
            return
        except (DriverError, Neo4jError, OSError) as e:
            last = f"{type(e).__name__}: {e}"
        time.sleep(0.25)
    raise ServerError(
        f"Neo4j did not answer within {timeout:.0f} s ({last}){log_tail(server.data_dir)}"
    )


def _probe(server: LocalServer) -> None:
    auth = (USER, server.password) if server.password is not None else None
    with neo4j.GraphDatabase.driver(server.uri, auth=auth, connection_timeout=2.0) as driver:
        try:  # a plain session: execute_query would retry (and back off) on its own
            with driver.session(database="neo4j") as session:
                session.run("RETURN 1").consume()
        except AuthError as e:
            _claim_default_password(server, e)
    with urllib.request.urlopen(server.http_url, timeout=2.0) as answer:
        answer.read()


def _claim_default_password(server: LocalServer, cause: AuthError) -> None:
    """A data dir first started without auth still has neo4j/neo4j: change it to ours."""
    try:
        with neo4j.GraphDatabase.driver(server.uri, auth=(USER, "neo4j")) as driver:
            driver.execute_query(
                CLAIM_DEFAULT_PASSWORD, password=server.password, database_="system"
            )
    except AuthError as e:
        raise ServerError(
            f"Neo4j in {server.data_dir} rejected the password for user '{USER}' ({cause.message});"
            f" it keeps the password it was first given: set NEO4J_PASSWORD to that one"
        ) from e
