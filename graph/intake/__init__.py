"""Data in and out: the import template, row checks, SHACL, mapping to RDF, import, export, reference data
and partners' submissions."""
