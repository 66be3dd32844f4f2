"""Benchmarks of the Passend Werk Atlas on generated national-scale demo data (``python -m bench``)."""
