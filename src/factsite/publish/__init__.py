"""What the site publishes for machines: ClaimReview and Organization JSON-LD, share metadata
(OpenGraph, Twitter), the Atom feed entries, and the ``claims.json``/``claims.csv`` exports.

Plain functions over an anchored ``Project``; imports ``factsite.quotes``, ``factsite.input`` and the
shared vocabulary; never the page templates or the engine.
"""
