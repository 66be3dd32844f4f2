"""The atlas on a SPARQL 1.1 server, through the standard protocol only."""
