"""A file becomes a Post: front matter, Markdown, prose, text statistics, phrase patterns."""
