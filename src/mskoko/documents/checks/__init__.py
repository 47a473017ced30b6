"""The built-in check kinds; :mod:`mskoko.documents.check` imports them to register them."""
