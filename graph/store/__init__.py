"""Stores: one interface, the embedded Oxigraph store, SPARQL servers, and the named questions."""
