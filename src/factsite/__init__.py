"""factsite: fact checks keyed to verbatim passages of source documents, built into a static site.

The flow runs one way, and each subpackage imports only from those before it:

- ``factsite.model``, ``factsite.urls``, ``factsite.verdicts``: the vocabulary every stage shares
  (plain data, where each generated page lives, how each rating is named and shown);
- ``factsite.messages``: every word readers see, in each language (catalogs, plural forms, dates);
- ``factsite.input``: reading the desk's files (YAML with positions, schema, seeds, problems);
- ``factsite.quotes``: proving every quote is in its seed (normalization, anchoring);
- ``factsite.review`` (``factsite diff``) and ``factsite.starter`` (``factsite init``): a change
  against the base branch, and a new desk's files;
- ``factsite.publish``: the machine-readable outputs (JSON-LD, share metadata, feed, exports);
- ``factsite.render``: the site itself, every page from its template plus the published files;
- ``factsite.mkdocs`` (the plugin) and ``factsite.cli`` (the command line) drive it all.

``factsite.bench`` is tooling (benchmarks and a synthetic corpus); nothing in the product imports it.
"""
