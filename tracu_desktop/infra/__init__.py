"""Small platform services: atomic files, logs, operating-system messages."""
