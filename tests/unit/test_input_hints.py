"""Streamlit's English typing hints are written in Dutch on Dutch pages (ui/input_hints.py), which rests on
one rule of the pages: every text field outside a form has a maximum length, so its counter follows the hint."""

from __future__ import annotations

import ast
from pathlib import Path

from graph.model.language import Lang
from ui.input_hints import _css_string, input_hints_style

UI = Path(__file__).resolve().parents[2] / "ui"


def _text_fields(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"text_input", "text_area"}
    ]


def test_every_text_field_outside_a_form_has_a_maximum_length() -> None:
    """Except on the partner's form, which keeps every field in the container whose hints stand alone."""
    missing = []
    for path in sorted(UI.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if path.name == "submit.py":
            assert "with st.container(key=FIELDS_CHECKED_ON_SEND):" in source
            continue
        for call in _text_fields(ast.parse(source)):
            in_form = isinstance(call.func, ast.Attribute) and ast.unparse(call.func.value) == "form"
            if not in_form and not any(keyword.arg == "max_chars" for keyword in call.keywords):
                missing.append(f"{path.relative_to(UI.parent)}:{call.lineno}")
    assert missing == []


def test_dutch_pages_write_every_hint_in_dutch_and_english_pages_leave_streamlits_own() -> None:
    style = input_hints_style(Lang.NL)
    for dutch in (
        "Enter om toe te passen",
        "Ctrl+Enter (Mac: ⌘+Enter) om toe te passen",
        "Enter om te versturen",
    ):
        assert f'content: "{dutch}"' in style
    assert "Press" not in style
    assert input_hints_style(Lang.EN) == ""


def test_a_quote_or_backslash_in_a_text_cannot_end_its_css_string() -> None:
    assert _css_string('een "x" \\ y') == '"een \\"x\\" \\\\ y"'
    assert _css_string("a\nb") == '"a\\a b"'
