"""Reviewing a change to the desk's data against a base: ``factsite diff``.

Owns reading the base (a git commit's ``factchecks.yaml`` and seeds, or another file), comparing two
loaded projects check by check, showing each quote in its sentence, the editorial rules a change to
published checks must follow (``factsite diff --check``), and the diff's text, Markdown and JSON
forms.

May import only the shared vocabulary (``factsite.model``, ``factsite.urls``, ``factsite.verdicts``),
``factsite.input`` and ``factsite.quotes``: it loads both sides with the very loader and anchoring
that the build uses, and never renders the site. The command line imports it.
"""
