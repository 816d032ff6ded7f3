"""The floor of a fresh tab: a Streamlit page drawing one title and nothing else.

``python -m bench.bench_pages --floor`` serves it beside the explorer and times it the same way.
"""

from __future__ import annotations

import streamlit as st

st.title("Floor")
