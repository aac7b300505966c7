"""postlint's version (a module of its own: modules that need it do not import the package root)."""

__version__ = "0.1.0"
