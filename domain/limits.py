"""The largest numbers a record, the wire and every database agree on.

Defined once, here, because the domain's own validation needs one of them (a
repair check names the version of its work order) and the domain imports
nothing of the project. ``sync.protocol`` hands them on as the protocol's
limits: the server and the tablet read them there.
"""

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

# A record's revision (the tablet counts its edits): a signed 32-bit column.
MAX_REVISION = INT32_MAX
# A row id the API takes in a path (a device): a signed 32-bit primary key.
MAX_ROW_ID = INT32_MAX
# The server's change sequence numbers: a pull cursor, an item's ``seq`` and
# ``version`` (so a work order's version): signed 64-bit columns.
MAX_SEQUENCE = INT64_MAX
# A device timestamp as the tablet sends it: a 64-character column.
MAX_TIMESTAMP_LENGTH = 64
