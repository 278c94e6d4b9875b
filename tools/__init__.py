"""Build helpers used by installer.spec and the packaging tests (not shipped)."""
