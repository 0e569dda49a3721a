"""The sections of the page « Documents »."""
