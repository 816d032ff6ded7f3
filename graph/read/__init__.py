"""Named read queries: what the explorer and the command line read back from the graph."""
