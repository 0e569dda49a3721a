"""PDF, Word, Excel, charts: plain data in, bytes out."""
