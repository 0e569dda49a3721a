"""The widgets of the page « Adoption » (only pages/adoption.py imports them)."""
