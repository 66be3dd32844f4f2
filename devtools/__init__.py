"""Development tooling, outside the product: local SPARQL servers and the demo-data generator."""
