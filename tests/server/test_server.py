"""The local Neo4j server: the session fixture answers, and `ownergraph db` starts, reports and
stops a server of its own (auth on, password kept in the data dir) with the Browser on HTTP."""

from __future__ import annotations

import http.server
import os
import socket
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import neo4j
import pytest
from click.testing import CliRunner, Result

import server
from cli.db import db
from graph.db import Settings, connect, resolve_settings
from ingest.errors import Neo4jUnavailable


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data dir for a server of the test's own, stopped afterwards even if the test fails."""
    yield tmp_path / "db"
    server.stop(tmp_path / "db")


def run_db(*args: str) -> Result:
    return CliRunner().invoke(db, list(args), catch_exceptions=False)


def answer(settings: Settings) -> int:
    driver = connect(settings)
    try:
        records, _, _ = driver.execute_query("RETURN 41 + 1 AS n", database_=settings.database)
        return int(records[0]["n"])
    finally:
        driver.close()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_session_server_answers_cypher(clean_graph: neo4j.Driver, neo4j_server: Settings) -> None:
    clean_graph.execute_query("CREATE (:Probe {n: $n})", n=7, database_=neo4j_server.database)
    records, _, _ = clean_graph.execute_query(
        "MATCH (p:Probe) RETURN p.n AS n", database_=neo4j_server.database
    )
    assert [r["n"] for r in records] == [7]


def test_db_start_generates_a_password_once_and_stop_is_clean(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, free_port: Callable[[], int]
) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    where = ["--data-dir", str(data_dir)]
    ports = ["--port", str(free_port()), "--http-port", str(free_port())]

    first = run_db("start", *ports, *where, "--heap", "600m", "--page-cache", "300m")
    assert first.exit_code == 0, first.output
    assert "server.memory.pagecache.size=300m" in (data_dir / "conf" / "neo4j.conf").read_text()
    password = (data_dir / "password").read_text().strip()
    assert (data_dir / "password").stat().st_mode & 0o777 == 0o600
    assert first.output.count(password) == 1
    local = server.status(data_dir)
    assert local is not None and local.password == password
    assert (local.heap, local.pagecache) == ("600m", "300m")  # kept for a restart (--bulk)
    assert "-Xmx600m" in Path(f"/proc/{local.pid}/cmdline").read_bytes().decode().split("\0")

    status = run_db("status", *where)
    assert status.exit_code == 0 and f"running at {local.uri}" in status.output
    with urllib.request.urlopen(local.http_url, timeout=10) as home:
        assert home.status == 200
    with urllib.request.urlopen(local.http_url + "browser/", timeout=10) as browser:
        assert browser.status == 200 and b"Neo4j Browser" in browser.read()
    assert answer(resolve_settings(data_dir=data_dir, env={})) == 42
    with pytest.raises(Neo4jUnavailable, match="refused user 'neo4j'"):
        connect(Settings(uri=local.uri, password="not-the-password"))

    stopped = run_db("stop", *where)
    assert stopped.exit_code == 0 and f"stopped (pid {local.pid})" in stopped.output
    assert gone(local.pid)
    assert run_db("status", *where).exit_code == 1

    again = run_db("start", *ports, *where)
    assert again.exit_code == 0, again.output
    assert password not in again.output
    assert (data_dir / "password").read_text().strip() == password
    assert answer(resolve_settings(data_dir=data_dir, env={})) == 42
    assert run_db("stop", *where).exit_code == 0


def test_db_start_refuses_a_memory_size_it_cannot_read(data_dir: Path) -> None:
    done = run_db("start", "--data-dir", str(data_dir), "--heap", "lots")
    assert done.exit_code == 2
    assert "'lots' is not a size such as 512m or 4g" in done.output
    assert not (data_dir / "server.json").exists()


def test_db_start_honours_neo4j_password_after_a_start_without_auth(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, free_port: Callable[[], int]
) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    where = ["--data-dir", str(data_dir)]
    ports = ["--port", str(free_port()), "--http-port", str(free_port())]
    open_start = run_db("start", "--no-auth", *ports, *where)
    assert open_start.exit_code == 0 and "Authentication is off" in open_start.output
    local = server.status(data_dir)
    assert local is not None and answer(Settings(uri=local.uri)) == 42
    assert run_db("stop", *where).exit_code == 0

    monkeypatch.setenv("NEO4J_PASSWORD", "chosen-by-the-user")
    locked = run_db("start", *ports, *where)
    assert locked.exit_code == 0, locked.output
    assert "chosen-by-the-user" not in locked.output
    local = server.status(data_dir)
    assert local is not None
    assert answer(Settings(uri=local.uri, password="chosen-by-the-user")) == 42
    with pytest.raises(Neo4jUnavailable):
        connect(Settings(uri=local.uri))
    assert run_db("stop", *where).exit_code == 0


def test_start_refuses_a_port_in_use(tmp_path: Path, free_port: Callable[[], int]) -> None:
    server.install()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        with pytest.raises(server.ServerError, match=f"port {busy} is already in use"):
            server.start(tmp_path, bolt_port=busy, http_port=free_port(), auth=False)
    assert server.status(tmp_path) is None


def test_connect_to_nothing_says_how_to_start_a_server(free_port: Callable[[], int]) -> None:
    with pytest.raises(Neo4jUnavailable, match="ownergraph db start"):
        connect(Settings(uri=f"bolt://127.0.0.1:{free_port()}"))


def test_settings_come_from_arguments_then_environment_then_local_server(tmp_path: Path) -> None:
    env = {"NEO4J_URI": "neo4j://db.example:7687", "NEO4J_PASSWORD": "env-pw", "NEO4J_USER": "u"}
    assert resolve_settings(data_dir=tmp_path, env=env) == Settings(
        uri="neo4j://db.example:7687", user="u", password="env-pw", database="neo4j"
    )
    explicit = resolve_settings("bolt://h:1", "me", "pw", "other", data_dir=tmp_path, env=env)
    assert explicit == Settings(uri="bolt://h:1", user="me", password="pw", database="other")
    (tmp_path / "password").write_text("kept\n")
    local = resolve_settings(data_dir=tmp_path, env={})
    assert local == Settings(uri="bolt://127.0.0.1:7687", password="kept")
    assert resolve_settings(data_dir=tmp_path, env={"NEO4J_URI": "bolt://x:1"}).password is None


def test_a_server_that_dies_at_start_reports_its_log(
    tmp_path: Path, free_port: Callable[[], int]
) -> None:
    server.install()
    with pytest.raises(server.ServerError, match=r"(?s)exited while starting.*heap size"):
        server.start(tmp_path, bolt_port=free_port(), http_port=free_port(), heap="lots")
    assert server.status(tmp_path) is None


class _Listener(http.server.BaseHTTPRequestHandler):
    """Counts the requests it gets: any request means Neo4j fetched a URL."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret_col\ninternal-only-data\n")

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def listener() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that records every request, as an outbound-load detector."""
    _Listener.hits.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("source", ["{url}/probe", "file:///etc/passwd", "file:///x.csv"])
def test_server_refuses_load_csv_from_urls_and_files(
    neo4j_driver: neo4j.Driver, neo4j_server: Settings, listener: str, source: str
) -> None:
    """Even a LOAD CSV that bypasses the console's guard cannot fetch a URL or read a file."""
    with pytest.raises(
        neo4j.exceptions.Neo4jError, match=r"blocked|allow_csv_import_from_file_urls. is false"
    ):
        neo4j_driver.execute_query(
            "LOAD CSV FROM $source AS line RETURN line",
            source=source.format(url=listener),
            database_=neo4j_server.database,
        )
    assert _Listener.hits == []
