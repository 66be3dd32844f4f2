"""What a reader sees in a report: the pages and the text of a PDF (its content streams are compressed, so a
search of the raw bytes would find nothing either way)."""

from __future__ import annotations

import base64
import re
import zlib


def pdf_pages_and_text(data: bytes) -> tuple[int, str]:
    """The number of pages of a PDF and the text drawn on them (from its compressed content streams)."""
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    chunks = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        stream = stream.strip()
        if stream.endswith(b"~>"):  # ReportLab writes its streams as ASCII85 over Flate
            stream = base64.a85decode(stream[:-2])
        try:
            chunks.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            chunks.append(stream.decode("latin-1"))
    shown = re.findall(r"\((.*?)(?<!\\)\)\s*Tj", "\n".join(chunks))
    return pages, " ".join(shown).replace("\\(", "(").replace("\\)", ")")
