"""Starting a desk of one's own: ``factsite init DIR`` writes a complete, working desk repository.

Owns: the files a new desk starts from (``skeleton/``, package data: the site's settings, an empty
data set with the schema beside it, the pages only the desk can finish, workflows, issue forms),
how the options the desk gives are checked and written into them (``desk``: YAML and Markdown
escaping, never text pasted into a file), and the ``init`` command itself (``command``).

Imports only the shared vocabulary (``factsite.model``, ``factsite.urls``, ``factsite.verdicts``),
``factsite.input`` (the schema, the to-be-filled-in marker, address checks) and ``factsite.quotes``;
the command line imports it.
"""
