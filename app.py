"""ownergraph explorer: the router (st.navigation) and the shared frame; pages in app_pages/.

Run with ``ownergraph app`` (or ``streamlit run app.py``); logic lives in graph/.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer.plain import md

PAGES = {
    "home": ("Home", ":material/home:"),
    "search": ("Search", ":material/search:"),
    "entity": ("Entity view", ":material/hub:"),
    "holdings": ("Who holds what", ":material/table_view:"),
    "transactions": ("Transactions", ":material/swap_horiz:"),
    "connections": ("Connections", ":material/link:"),
    "screens": ("Screens", ":material/filter_alt:"),
    "console": ("Cypher console", ":material/terminal:"),
}

# A local file: a :material/…: page icon makes the browser fetch it from fonts.gstatic.com.
ICON = str(Path(__file__).resolve().parent / "explorer" / "icon.png")
st.set_page_config(page_title="ownergraph", page_icon=ICON, layout="wide")
# A session's first page says so at once (st.spinner waits half a second), never blank.
opening = st.empty()
if "_opened" not in st.session_state:
    opening.info("Opening ownergraph…", icon=":material/hourglass_top:")
pages = {
    name: st.Page(
        f"app_pages/{name}.py",
        title=title,
        icon=icon,
        url_path=None if name == "home" else name,
        default=name == "home",
    )
    for name, (title, icon) in PAGES.items()
}
current = st.navigation(list(pages.values()))

# Links of the form /?page=entity&cik=... open that page with the other parameters.
wanted = st.query_params.get("page")
if wanted and current is pages["home"]:
    if wanted in pages and wanted != "home":
        rest = {k: st.query_params.get_all(k) for k in st.query_params if k != "page"}
        st.switch_page(pages[wanted], query_params=rest)
    elif wanted not in pages:
        st.warning(f"This link names an unknown page “{md(wanted[:40])}”; showing the home page.")


def _sidebar() -> None:
    """The type-ahead; its import (driver, networkx) and its first query are the slow part of a
    cold start, so they run while the opening notice shows."""
    from explorer.session import entity_picker

    with st.sidebar:
        entity_picker("quick_search", "Search")


_sidebar()
opening.empty()
st.session_state["_opened"] = True

current.run()
