"""The two languages of the atlas and the one message type that carries a text in both.

Dutch comes first, English second. Every place that is handed a language (the app's ``?lang=``, the command
line's ``--lang``, a report's language) reads it through :func:`language`, so an unknown or missing value means
Dutch everywhere alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Lang(StrEnum):
    """A language a reader can choose."""

    NL = "nl"
    EN = "en"


#: ``both`` is for messages only (the command line's default): the Dutch text with the English in brackets.
BOTH = "both"
MessageLanguage = Lang | Literal["both"]


def language(value: object) -> Lang:
    """The reader's language from any spelling of it (``"en"``, ``"EN"``, ``Lang.EN``); Dutch otherwise."""
    return Lang.EN if str(value or "").strip().lower() == Lang.EN else Lang.NL


def message_language(value: object) -> MessageLanguage:
    """Like :func:`language`, but keeps ``both`` (show Dutch with English in brackets)."""
    if str(value or "").strip().lower() == BOTH:
        return "both"
    return language(value)


@dataclass(frozen=True)
class Message:
    """One text in Dutch and English; placeholders (``{name}``) are filled by :meth:`format`."""

    nl: str
    en: str

    def text(self, lang: object) -> str:
        """The text in one language (``both``: Dutch with the English in brackets, unless they are the same)."""
        if message_language(lang) == BOTH:
            return self.both()
        return self.en if language(lang) == Lang.EN else self.nl

    def both(self) -> str:
        return self.nl if self.nl == self.en else f"{self.nl} ({self.en})"

    def format(self, **values: object) -> Message:
        return Message(self.nl.format(**values), self.en.format(**values))

    def __add__(self, other: Message) -> Message:
        return Message(self.nl + other.nl, self.en + other.en)

    def __str__(self) -> str:
        return self.both()


class BilingualError(ValueError):
    """Refused input whose reason is a :class:`Message`: ``str()`` gives both languages (logs, the command line),
    ``.message.text(lang)`` the reader's own."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.both())
        self.message = message

    @property
    def message_nl(self) -> str:
        return self.message.nl

    @property
    def message_en(self) -> str:
        return self.message.en
