"""The colour of a collaboration's line by its status, one for every status in the vocabulary: the app's maps,
their legends and the area profile's report all draw with these."""

from __future__ import annotations

from graph.model.enums import CollaborationStatus

STATUS_COLOURS: dict[CollaborationStatus, tuple[int, int, int]] = {
    CollaborationStatus.ACTIVE: (26, 127, 55),
    CollaborationStatus.EXPLORING: (219, 109, 40),
    CollaborationStatus.ENDED: (140, 149, 159),
    CollaborationStatus.UNKNOWN: (130, 80, 223),
}


def status_colour(status: object) -> tuple[int, int, int]:
    """The colour of a status; a value outside the list is drawn as a status nobody knows."""
    try:
        return STATUS_COLOURS[CollaborationStatus(str(status))]
    except ValueError:
        return STATUS_COLOURS[CollaborationStatus.UNKNOWN]


def status_colour_hex(status: object) -> str:
    red, green, blue = status_colour(status)
    return f"#{red:02x}{green:02x}{blue:02x}"
