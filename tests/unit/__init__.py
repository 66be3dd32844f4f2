"""The unit tier: pure functions, no store, no server, no browser; `make unit` runs it in under a minute."""
