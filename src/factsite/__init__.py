"""factsite: fact checks keyed to verbatim passages of source documents, built into a static site."""
