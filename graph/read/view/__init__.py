"""The entity view's graph: the neighbourhood of entities as data (neighbourhood.py), its
records (subgraph.py) and the bound on what one view draws (bound.py)."""
