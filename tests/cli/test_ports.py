"""A port that is taken ends the command with one line that names the flag to change."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.runner import run


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port something listens on (on every interface, as the app would bind)."""
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


@pytest.mark.parametrize(
    ("flag", "role"), [("--port", "bolt"), ("--http-port", "http")], ids=["bolt", "http"]
)
def test_db_start_on_a_taken_port_names_the_flag(
    busy_port: int, free_port: Callable[[], int], tmp_path: Path, flag: str, role: str
) -> None:
    other = "--http-port" if flag == "--port" else "--port"
    args: list[str | Path | int] = [
        "db",
        "start",
        "--data-dir",
        tmp_path,
        flag,
        busy_port,
        other,
        free_port(),
    ]
    done = run(dict(os.environ), *args)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {role} port {busy_port} is already in use: choose another with {flag}"
    ]


def test_app_on_a_taken_port_names_the_flag(busy_port: int) -> None:
    done = run(dict(os.environ), "app", "--port", busy_port)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: app port {busy_port} is already in use: choose another with --port"
    ]


def test_demo_on_a_taken_app_port_names_the_flag(busy_port: int, tmp_path: Path) -> None:
    done = run(dict(os.environ), "demo", "--app-port", busy_port, "--data-dir", tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: app port {busy_port} is already in use: choose another with --app-port"
    ]
