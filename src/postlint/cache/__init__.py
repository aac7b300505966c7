"""The results cache, and the run of many files that uses it."""
