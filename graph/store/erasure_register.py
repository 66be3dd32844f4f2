"""Finding a person in free text, and the register of erased people that holds only hashes of them.

A person is recognised by their e-mail addresses, phone numbers and full names. Text is searched for each
kind the same way, whether the plain values are known (an erasure) or only their hashes (the register, when
a backup is restored or a file imported later):

- e-mail: every address in the text, compared in lower case;
- phone: every run of digits and separators, every stretch of whole digit groups in it, compared as digits
  only with ``+31``/``0031`` read as ``0`` (``+31 6 1234 5678`` = ``06-12345678``); at least 8 digits;
- name: every run of two to six words, compared case- and accent-insensitively with single spaces. A one-word name is
  not searched in free text (it would erase every "Anna" in the atlas); it still goes with its contact.

Each match is replaced by :data:`MARKER`. Only text literals are searched (plain and language-tagged strings);
numbers, dates and geometries cannot hold a name.

The register keeps ``sha256(salt, kind, value)`` per value, in a private graph. The salt is random per store
and kept beside the hashes: it stops lookup tables made for other stores, but whoever can read the register
can still test guesses (phone numbers are few), so the register is as private as the data it replaced.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from graph.model.viewer import Viewer, private_read
from graph.model.vocab import ID, PW, private_graph
from graph.store.interface import AtlasStore, Change

MARKER = "[verwijderd / removed]"
REGISTER_GRAPH = private_graph("erasure-register")
NAME_WORDS = (2, 6)
# Reading the register is part of erasing: its hashes never leave this module.
_ERASURE = Viewer.coordinator("erasure register")

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_PHONE_RUN = re.compile(r"(?:\+|\b)\d[\d \t().\-/]*\d")
_DIGIT_GROUP = re.compile(r"\d+")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def normal_email(value: str) -> str:
    return value.strip().lower().removeprefix("mailto:")


def normal_phone(value: str) -> str:
    """Digits only, the Dutch country code read as a leading 0; '' when too short to be a phone number."""
    text = value.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.startswith("+"):
        digits = "00" + digits
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 8 else ""


def normal_name(value: str) -> str:
    # Accents are dropped too: "Privé" and "Prive" are the same person to a reader.
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))
    words = _WORD.findall(plain.casefold())
    return " ".join(words) if NAME_WORDS[0] <= len(words) <= NAME_WORDS[1] else ""


NORMALISE = {"email": normal_email, "phone": normal_phone, "name": normal_name}


def digest(salt: str, kind: str, normal: str) -> str:
    return hashlib.sha256(f"{salt}\0{kind}\0{normal}".encode()).hexdigest()


@dataclass
class Register:
    """Hashes of erased values, grouped by the salt they were made with (a restore can merge registers)."""

    hashes: dict[str, set[str]] = field(default_factory=dict)
    """salt → {"kind:sha256", …}"""

    @property
    def salt(self) -> str:
        """The salt for new entries: the one already in use, or a new one."""
        return next(iter(sorted(self.hashes)), "") or secrets.token_hex(16)

    def __len__(self) -> int:
        return sum(len(found) for found in self.hashes.values())

    def knows(self, kind: str, normal: str) -> bool:
        return bool(normal) and any(
            f"{kind}:{digest(salt, kind, normal)}" in found for salt, found in self.hashes.items()
        )

    def entries_for(self, values: Iterable[tuple[str, str]]) -> Register:
        """A register of these (kind, plain value) pairs, with this register's salt."""
        salt = self.salt
        made: set[str] = set()
        for kind, value in values:
            normal = NORMALISE[kind](value)
            if normal:
                made.add(f"{kind}:{digest(salt, kind, normal)}")
        return Register({salt: made} if made else {})

    def missing_from(self, other: Register) -> Register:
        """What this register holds that ``other`` does not."""
        missing = {salt: found - other.hashes.get(salt, set()) for salt, found in self.hashes.items()}
        return Register({salt: found for salt, found in missing.items() if found})


def load_register(store: AtlasStore) -> Register:
    register = Register()
    for _, _, value, _ in store.quads(predicate=PW.erasedHash, graph=REGISTER_GRAPH, private=private_read(_ERASURE)):
        salt, _, entry = str(value).partition("|")
        register.hashes.setdefault(salt, set()).add(entry)
    return register


def register_change(entries: Register, on: str) -> Change:
    """The quads that add these entries to the store's register (one node per entry; adding twice is harmless)."""
    change = Change()
    for salt, found in entries.hashes.items():
        for entry in sorted(found):
            node = URIRef(f"{ID}erasure/{entry.replace(':', '-')}")
            change.add.append((node, PW.erasedHash, Literal(f"{salt}|{entry}"), REGISTER_GRAPH))
            change.add.append((node, DCTERMS.date, Literal(on, datatype=XSD.date), REGISTER_GRAPH))
    return change


def _spans(text: str, register: Register) -> Iterator[tuple[int, int]]:
    for match in _EMAIL.finditer(text):
        if register.knows("email", normal_email(match.group())):
            yield match.span()
    for run in _PHONE_RUN.finditer(text):
        groups = list(_DIGIT_GROUP.finditer(run.group()))
        for first in range(len(groups)):
            for last in range(len(groups) - 1, first - 1, -1):
                start = run.start() + groups[first].start()
                if first == 0 and run.group().startswith("+"):
                    start = run.start()
                piece = text[start : run.start() + groups[last].end()]
                if register.knows("phone", normal_phone(piece)):
                    yield start, run.start() + groups[last].end()
    words = list(_WORD.finditer(text))
    for first in range(len(words)):
        for count in range(NAME_WORDS[0], NAME_WORDS[1] + 1):
            if first + count > len(words):
                break
            piece = " ".join(word.group() for word in words[first : first + count])
            if register.knows("name", normal_name(piece)):
                yield words[first].start(), words[first + count - 1].end()


def redact(text: str, register: Register) -> tuple[str, int]:
    """The text with every value the register knows replaced by the marker, and how many were replaced."""
    if not register.hashes or not text:
        return text, 0
    spans = sorted(_spans(text, register))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + MARKER + text[end:]
    return text, len(merged)


CONTACT_COLUMNS = ("contact_name", "contact_role", "contact_email", "contact_phone")
FREE_TEXT_COLUMNS = ("description", "end_reason")


def redact_rows(rows: Iterable[dict[str, str]], register: Register) -> int:
    """Apply the register to import-template rows in place: a contact it knows goes whole (and is not
    published), its values go from the free text. Returns how many values were removed or replaced."""
    if not register.hashes:
        return 0
    changed = 0
    for values in rows:
        known = (
            register.knows("email", normal_email(values.get("contact_email", "")))
            or register.knows("phone", normal_phone(values.get("contact_phone", "")))
            or register.knows("name", normal_name(values.get("contact_name", "")))
        )
        if known:
            changed += sum(1 for column in CONTACT_COLUMNS if values.get(column, "").strip())
            values.update({column: "" for column in CONTACT_COLUMNS if column in values})
            if "contact_public" in values:
                values["contact_public"] = "no"
        for column in (*FREE_TEXT_COLUMNS, *CONTACT_COLUMNS):
            if values.get(column):
                values[column], count = redact(values[column], register)
                changed += count
    return changed
