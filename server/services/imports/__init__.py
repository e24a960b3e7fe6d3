"""Importing an estate's rooms, owner archive and patrol definitions from files.

Rooms (``rooms``) and the owner archive (``owners``) come from spreadsheets, read by
``tables``; the patrol definition (``patrol``) is JSON. The formats are described for
people in docs/admin.md. Every import is one transaction, writes its items through
``items`` and says what it did, and which rows it skipped and why, in an
``ImportReport`` (``report``).
"""
