"""The explorer as an ASGI app: app.py, with the front-end chunks of each page preloaded
(explorer/preload.py). ``ownergraph app`` runs ``streamlit run serve.py``; ``streamlit run
app.py`` serves the same app without the preloading."""

from __future__ import annotations

import streamlit as st
from starlette.middleware import Middleware

from explorer.preload import PreloadChunks

app = st.App("app.py", middleware=[Middleware(PreloadChunks)])
