"""A number for a question's field: read from the address, written back to it."""

from __future__ import annotations

import pytest

from graph.views.question_form import LARGEST_NUMBER, number_text, number_value


@pytest.mark.parametrize(
    ("shared", "read"),
    [("", None), ("2023", 2023.0), ("2,5", 2.5), ("-7", -7.0), (str(LARGEST_NUMBER), LARGEST_NUMBER)],
)
def test_a_number_in_the_address_is_read(shared: str, read: float | None) -> None:
    assert number_value(shared) == read


@pytest.mark.parametrize(
    "shared", ["abc", "inf", "-inf", "nan", "1e400", "99999999999999999999", str(LARGEST_NUMBER + 2)]
)
def test_what_a_number_field_cannot_hold_is_refused(shared: str) -> None:
    with pytest.raises(ValueError):
        number_value(shared)


@pytest.mark.parametrize(
    ("value", "whole", "written"),
    [
        (1234567.0, True, "1234567"),
        (2023.0, True, "2023"),
        (-5.0, True, "-5"),
        (1e16, False, "10000000000000000"),
        (0.1, False, "0.1"),
        (2.5, False, "2.5"),
        (3.0, False, "3"),
        (1e-7, False, "0.0000001"),
    ],
)
def test_a_number_is_written_without_an_exponent(value: float, whole: bool, written: str) -> None:
    assert number_text(value, whole) == written
