"""Rule selection, the registry, linting a post, suppressions."""
