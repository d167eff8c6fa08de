"""Benchmarks that print numbers; run from the repository: python -m bench.<name>. Never run as tests."""
