"""Command line: ``python -m graph`` or ``passendwerk``."""
