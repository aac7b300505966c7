"""The files of a site and its index (posts, URLs, static files)."""
