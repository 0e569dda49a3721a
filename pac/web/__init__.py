"""The light HTTP routes served beside Streamlit by the same server (`serve.py`, Streamlit's `st.App`).

- `phone`: the participant's page `/voter` — server-rendered HTML (Jinja2, autoescape), a plain form
  that works without JavaScript, a few KB of script that counts dots and points on the phone and
  resubmits a ballot by itself until the server gives its receipt.
- `session`: the facilitator's sign-in cookie, set and cleared by the server (HttpOnly,
  SameSite=Strict, Secure under HTTPS), so that no script of the page ever sees it.
- `throttle`: wrong join codes slowed down per client address (the `limits` library).

Like the services, nothing here imports streamlit; the routes call `pac.services` and render.
"""
