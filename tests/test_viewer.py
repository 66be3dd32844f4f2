"""Privacy is decided in one place: only the privacy, submission, review, follow-up and export code reads
private graphs, and the store refuses a private read without the capability that only they ask for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graph.model.viewer import ANONYMOUS, PRIVATE_READERS, PrivateAccessRefused, PrivateRead, Viewer, private_read
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas

pytestmark = pytest.mark.backends

SOURCES = [
    *sorted((REPO_ROOT / "graph").rglob("*.py")),
    *sorted((REPO_ROOT / "ui").rglob("*.py")),
    REPO_ROOT / "app.py",
]
SOURCES += sorted((REPO_ROOT / "bench").glob("*.py"))


def _private_reads(path: Path) -> list[str]:
    """Where a module asks for private data: a PrivateRead, private_read(), or a store read with private=…"""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        if name in ("private_read", "PrivateRead", "EVERYTHING"):
            found.append(f"{name} on line {node.lineno}")
        if isinstance(node, ast.alias) and node.name in ("private_read", "PrivateRead"):
            found.append(f"import of {node.name}")
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                passes_nothing = isinstance(keyword.value, ast.Constant) and keyword.value.value in (None, False)
                if keyword.arg == "private" and not passes_nothing:
                    found.append(f"private= on line {node.lineno}")
    return found


def test_only_the_privacy_code_reads_private_graphs() -> None:
    assert len(SOURCES) > 40
    offenders = {
        str(path.relative_to(REPO_ROOT)): reads
        for path in SOURCES
        if (reads := _private_reads(path)) and str(path.relative_to(REPO_ROOT)) not in PRIVATE_READERS
    }
    assert offenders == {}
    # the check itself finds what it looks for
    assert _private_reads(REPO_ROOT / "graph" / "analysis" / "followup.py")


def test_no_module_keeps_a_private_read_where_other_code_could_pick_it_up() -> None:
    """Regression: two maintenance modules made a PrivateRead when they were imported and kept it as a module
    global, so any code could import it and read private graphs without asking ``private_read``."""
    kept = [
        f"{path.relative_to(REPO_ROOT)}:{node.lineno}"
        for path in SOURCES
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and any(isinstance(call, ast.Call) and "private_read" in ast.unparse(call.func) for call in ast.walk(node))
    ]
    assert kept == []


def test_the_store_refuses_a_private_read_without_the_capability(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    for pretend in (True, "yes", object()):
        with pytest.raises(TypeError):
            store.select("SELECT * WHERE { ?s ?p ?o }", private=pretend)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            store.dump(private=pretend)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        PrivateRead(Viewer.coordinator("x"), object())
    for visitor in (ANONYMOUS, Viewer.partner()):
        with pytest.raises(PrivateAccessRefused):
            private_read(visitor)
    assert store.dump(private=private_read(Viewer.coordinator("Anna"))) == b""
