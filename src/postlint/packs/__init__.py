"""Declarative rule packs: the loader and the table of kinds."""
