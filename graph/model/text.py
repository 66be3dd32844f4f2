"""What no text from a user may hold, wherever it is typed: the form, a file, a note."""

from __future__ import annotations

import re

# Control characters, bidirectional overrides, lone surrogates (which no store can write) and the two
# non-characters XML forbids (which would break the Excel export).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
