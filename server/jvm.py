"""The Java side of the local Neo4j server: its jars from Maven, the JVM, the process itself.

graph/server.py builds the server's lifecycle on these; server/pom.xml lists the jars.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from ingest.errors import ServerError

__all__ = [
    "JVM_FLAGS",
    "NEO4J_VERSION",
    "SERVER_DIR",
    "ServerError",
    "alive",
    "default_lib_dir",
    "find_java",
    "install",
    "log_tail",
    "require_jars",
    "spawn",
    "terminate",
]

NEO4J_VERSION = "5.26.17"
SERVER_DIR = Path(__file__).resolve().parent
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# server.jvm.additional of the stock 5.26 neo4j.conf, less -XX:+AlwaysPreTouch (it would touch
# the whole heap at start). Without the --add-opens the server dies with a LinkageError.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)


def default_lib_dir() -> Path:
    """Where the server's jars go: $OWNERGRAPH_NEO4J_LIB or ~/.cache/ownergraph/neo4j-<v>/lib."""
    if configured := os.environ.get("OWNERGRAPH_NEO4J_LIB"):
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "ownergraph" / f"neo4j-{NEO4J_VERSION}" / "lib"


def install(lib_dir: Path | None = None) -> Path:
    """Copy Neo4j's runtime jars from Maven into `lib_dir` unless already there; return it."""
    lib = Path(lib_dir) if lib_dir else default_lib_dir()
    pom = SERVER_DIR / "pom.xml"
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()
    stamp = lib / ".pom-sha256"
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (`mvn`) is needed to fetch Neo4j's jars: apt-get install maven")
    find_java()
    partial = lib.with_name(f"{lib.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    goal = ["dependency:copy-dependencies", "-DincludeScope=runtime"]
    cmd = [mvn, "-B", "-q", "-f", str(pom), *goal, f"-DoutputDirectory={partial}"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
        raise ServerError(f"mvn could not fetch Neo4j's jars (exit {done.returncode}):\n{tail}")
    (partial / stamp.name).write_text(digest)
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    return lib


def find_java() -> str:
    """$JAVA_HOME/bin/java, else the `java` on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).is_file():
        raise ServerError(
            "Java 17 or 21 is needed to run Neo4j 5.26: apt-get install openjdk-17-jre"
        )
    return java


def require_jars(lib_dir: Path | None) -> Path:
    """The installed lib dir, absolute; ServerError if `install` has not filled it."""
    lib = Path(lib_dir) if lib_dir else default_lib_dir()
    if not any(lib.glob("neo4j-server-*.jar")):
        raise ServerError(f"no Neo4j jars in {lib}: run `ownergraph db install` first")
    return lib.resolve()


def spawn(java_cmd: list[str], home: Path) -> int:
    """Start the server detached (own session, output to logs/console.log); return its pid."""
    (home / "logs").mkdir(exist_ok=True)
    args = [ENTRY_POINT, f"--home-dir={home}", f"--config-dir={home / 'conf'}", "--console-mode"]
    console = str(home / "logs" / "console.log")
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, console, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    return os.posix_spawn(java_cmd[0], [*java_cmd, *args], env, file_actions=actions, setsid=True)


def alive(pid: int, home: Path) -> bool:
    """Whether `pid` is still the server of `home` (reaps it if it is our exited child)."""
    try:
        # Our own child: running until reaped here (its pid cannot be recycled before that).
        return os.waitpid(pid, os.WNOHANG)[0] == 0
    except ChildProcessError:
        pass
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.parent.parent.is_dir():  # Linux: also tells a recycled pid or a zombie
        try:
            return f"--home-dir={home}".encode() in cmdline.read_bytes()
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def terminate(pid: int, home: Path, *, timeout: float) -> bool:
    """SIGTERM, wait; SIGKILL only if it hangs past `timeout`. True if it had to be killed."""
    if not alive(pid, home):
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(pid, home):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            while alive(pid, home):
                time.sleep(0.1)
            return True
        time.sleep(0.1)
    return False


def log_tail(home: Path, lines: int = 25) -> str:
    """The end of the server's log, to append to an error message."""
    for name in ("console.log", "neo4j.log"):
        path = home / "logs" / name
        if path.is_file() and (text := path.read_text(errors="replace").strip()):
            return f"\n--- last lines of {path} ---\n" + "\n".join(text.splitlines()[-lines:])
    return f" (no log in {home / 'logs'})"
