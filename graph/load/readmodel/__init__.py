"""The read model the load keeps beside the rows (docs/graph-model.md, "Read model"): running
totals kept by each batch (totals.py); summaries and counts (summaries.py), refreshed at the
end of a run for what the batches marked (stale.py); the cluster-buy screen's kept clusters
(clusters.py); and whole-graph passes one chunk of entities at a time (chunks.py)."""
