"""The tablet's offline store (see store.py and docs/store.md)."""
