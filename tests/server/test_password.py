"""The password of a first `db start` never appears on a command line: a watcher reading every
process's /proc/<pid>/cmdline while the server starts never sees it, and a password with a
leading dash (as one generated password in 64 has), spaces, quotes, a backslash and a hash
still works afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import server
from graph.db import Settings, connect

SECRET = '-pa ss"wo\\rd #1-Zz'


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "db"
    server.stop(tmp_path / "db")


def watch_cmdlines(seen: list[str], stop: threading.Event) -> None:
    """Collect every command line that mentions the secret, until ``stop`` is set."""
    needle = SECRET.encode()
    while not stop.is_set():
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    cmdline = (proc / "cmdline").read_bytes()
                except OSError:
                    continue
                if needle in cmdline:
                    seen.append(cmdline.decode(errors="replace"))
        stop.wait(0.005)


def test_first_start_keeps_the_password_off_command_lines(
    data_dir: Path, free_port: Callable[[], int]
) -> None:
    seen: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_cmdlines, args=(seen, stop))
    watcher.start()
    try:
        local = server.start(
            data_dir,
            bolt_port=free_port(),
            http_port=free_port(),
            password=SECRET,
            heap="512m",
            timeout=300,
        )
    finally:
        stop.set()
        watcher.join()
    assert seen == []
    assert local.password == SECRET
    assert not list((data_dir / "run").glob("*.args"))  # the argument file is gone
    driver = connect(Settings(uri=local.uri, password=SECRET))
    driver.close()
