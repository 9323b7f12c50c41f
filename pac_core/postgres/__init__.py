"""PostgreSQL as the shared store of several app servers (issue 21): see store.py."""
