"""``python -m cli``: the same as the ``ownergraph`` command."""

from cli import main

main()
