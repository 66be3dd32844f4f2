"""Passend Werk Atlas: a knowledge graph of collaborations between Dutch public libraries and
disability-care organisations."""

__version__ = "0.1.0"
