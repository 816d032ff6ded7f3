"""Home: what the graph holds (counts, period range, latest filings) and where to start."""

from __future__ import annotations

import streamlit as st

from explorer.grid import grid
from explorer.plain import md
from explorer.session import cached, commit, connection, row_dicts, view_state
from graph.read.overview import LandingStats, landing_stats


def render() -> None:
    """Draw the landing page."""
    state = view_state("home")
    st.title("ownergraph")
    st.caption(
        "Who holds what in US public companies: SEC insider filings (Forms 3, 4, 5) as a graph "
        "of owners, issuers and securities. Search in the sidebar, or start from a filing below."
    )
    graph = connection()
    stats: LandingStats = cached(graph, landing_stats)
    if stats.filings == 0:
        st.info(
            "The graph is empty. Load filings with `ownergraph ingest PATH…` "
            "(or run `ownergraph demo` for the bundled real sample filings)."
        )
        return
    cols = st.columns(5)
    for col, (label, value) in zip(cols, _metrics(stats), strict=True):
        col.metric(label, f"{value:,}")
    st.write(f"Periods of report from **{stats.first_period}** to **{stats.last_period}**.")
    st.subheader("Latest filings")
    for f in stats.latest:
        owners = ", ".join(f.owners)
        st.page_link(
            "app_pages/entity.py",
            label=md(f"{f.period} · Form {f.form} · {f.issuer_name} ← {owners}"),
            query_params={"cik": f.issuer_cik},
        )
    # On demand: a grid is the heaviest front-end code a page can load.
    if st.toggle("Show as a table", key="home_table"):
        columns = {
            "period": "Period",
            "form": "Form",
            "issuer_name": "Issuer",
            "owners": "Reporting owners",
            "accession": "Accession",
            "url": "EDGAR",
        }
        grid(
            row_dicts(stats.latest, columns),
            {"EDGAR": st.column_config.LinkColumn(display_text="open")},
        )
    commit(state)


def _metrics(stats: LandingStats) -> list[tuple[str, int]]:
    return [
        ("Issuers", stats.issuers),
        ("Owners", stats.owners),
        ("Securities", stats.securities),
        ("Filings", stats.filings),
        ("Transactions", stats.transactions),
    ]


render()
