"""Reading the desk's files: ``factchecks.yaml`` with the position of every value, its JSON Schema,
the seed documents, the Markdown dialect contributors write, and the problems found on the way.

Owns: the YAML reader, schema validation, character rules (``invisible``), seeds, contributor
Markdown (parsed and bounded here, rendered to safe HTML for the later stages), and ``load``, which
turns a file into a ``Loaded`` project or located problems. Imports only the shared vocabulary
(``factsite.model``, ``factsite.urls``, ``factsite.verdicts``).
"""
