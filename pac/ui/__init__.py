"""The only part of pac that imports streamlit: a small kit (pac/ui/kit) and one folder per workshop step.

A step's folder serves its page only (pages/<step>.py); what two steps need lives in the kit.
tests/test_architecture.py enforces both."""
