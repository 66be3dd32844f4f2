"""A point's coordinates as a reader writes them, and as a partner types them."""

from __future__ import annotations

import pytest

from graph.model.formats import coordinate, read_coordinate


def test_a_coordinate_is_written_with_the_readers_decimal_mark_and_no_trailing_zeros() -> None:
    assert coordinate(51.37, "nl") == "51,37" and coordinate(51.37, "en") == "51.37"
    assert coordinate(6.168055555, "nl") == "6,16806" and coordinate(52.0, "nl") == "52"
    assert coordinate(None, "nl") == ""


@pytest.mark.parametrize(("typed", "read"), [("51,37", 51.37), ("51.37", 51.37), (" 6 ", 6.0), ("-0,5", -0.5)])
def test_a_coordinate_is_read_with_a_comma_or_a_point(typed: str, read: float) -> None:
    assert read_coordinate(typed) == read


@pytest.mark.parametrize("typed", ["", "zes", "51,37,1", "1e5", "51.37.2", "51,", "nan", "٥١"])
def test_anything_else_is_no_coordinate(typed: str) -> None:
    assert read_coordinate(typed) is None
