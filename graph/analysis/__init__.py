"""Analysis: suggested pairs, nearby search, the network, coverage and follow-up."""
