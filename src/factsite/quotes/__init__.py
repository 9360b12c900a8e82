"""Proving every quote is in its seed: normalization with an offset map, anchoring on grapheme and
word boundaries, and the project report (``open_project``) that `factsite check` and the build share.

Imports ``factsite.input`` and the shared vocabulary; never anything that renders or publishes.
"""
