"""Online link checking: settings, the HTTP client, the link cache."""
