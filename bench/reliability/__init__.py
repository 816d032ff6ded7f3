"""Probes of the reliability audit (docs/reliability.md): hostile, re-encoded, conflicting input."""
