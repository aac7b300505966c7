"""Reports, the baseline file, content fingerprints."""
