"""The ``ownergraph`` command: a thin click layer over ingest/, graph/ and server/.

main.py is the group; each command has its module (db, ingest, query, app with demo);
connect.py holds what they share (exit codes, ``--data-dir``, opening the graph).
"""

from cli.main import main

__all__ = ["main"]
