"""The Streamlit explorer's helpers: session, share links, widgets, layout and drawing."""
