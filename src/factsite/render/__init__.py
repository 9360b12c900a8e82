"""The site: every generated page rendered from its template (source pages with highlighted
passages, claim pages, listings cut into pages, facet pages, ratings, corrections log) plus the
files from ``factsite.publish`` and the claims index's facet index, as an engine-independent
``Site`` of pages and files. Templates and the reader's CSS/JavaScript live here.

Imports ``factsite.publish`` and everything before it; never an engine (MkDocs) or the command line.
"""
