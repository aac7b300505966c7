"""Applying fixes."""
