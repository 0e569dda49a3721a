"""The only part of pac that imports streamlit: shared widgets, state keys, the cached database."""
