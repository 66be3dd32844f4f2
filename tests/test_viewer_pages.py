"""Every page and every download, for each viewer, on a store whose private values carry a marker: a visitor
(anonymous, or a partner, who has no account) sees none of them; a coordinator does, so the fixture is real."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest, app_test

from graph.analysis.followup import record_state
from graph.analysis.suggest import load_input, suggest
from graph.intake.importer import import_path
from graph.intake.setup import prepare
from graph.intake.submissions import SubmissionForm, approve, reject, submit
from graph.model.viewer import ANONYMOUS, Viewer
from graph.privacy.personal_data import contacts
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas
from ui.context import PAGES

from .conftest import TINY, reference_dir

APP = str(REPO_ROOT / "app.py")
MARK = b"MARKER"  # every private value below holds it (ASCII, so it survives any encoding of the page)
FOLLOW_UP_WORDS = (b"afgewezen", b"declined", b"introduced", "geïntroduceerd".encode(), b"follow_up")


@pytest.fixture(scope="module")
def marked_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("marked")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    prepare(atlas)
    assert import_path(atlas, TINY, agent="test").ok
    hidden = SubmissionForm(
        library_site_id="a-utrecht", care_site_id="w-utrecht", description="Samen lezen in Utrecht.",
        contact_name="PRIVÉ-MARKER-contact", contact_email="prive-marker@example.org",
        contact_phone="06 9999 0001", contact_role="PRIVÉ-MARKER-rol", submitter_email="marker-sender@example.org",
    )  # fmt: skip
    assert approve(atlas, submit(atlas, hidden).code, Viewer.coordinator("Anna")) == []
    refused = SubmissionForm(
        library_site_id="b-venlo", care_site_id="x-venlo", description="Ontmoeting.", submitter_email="x@example.org"
    )
    reject(atlas, submit(atlas, refused).code, Viewer.coordinator("Anna"), "PRIVÉ-MARKER-reason")
    pending = SubmissionForm(
        library_site_id="c-amsterdam", care_site_id="z-amsterdam", description="PRIVÉ-MARKER-pending story",
        submitter_email="marker-pending@example.org",
    )  # fmt: skip
    assert submit(atlas, pending).ok
    record_state(atlas, "lib-c", "care-w", "declined", Viewer.coordinator("Anna"), note="PRIVÉ-MARKER-note")
    record_state(atlas, "lib-d", "care-x", "introduced", Viewer.coordinator("Anna"))
    return atlas.settings.store


def _everything(node: Any, parts: list[bytes]) -> None:
    proto = getattr(node, "proto", None)
    if proto is not None:
        parts.append(str(proto).encode())
    for child in getattr(node, "children", {}).values():
        _everything(child, parts)


def _unpacked(content: bytes) -> bytes:
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        return b"".join(workbook.read(name) for name in workbook.namelist())


def render(monkeypatch: pytest.MonkeyPatch, store: str, page: str, viewer: Viewer) -> tuple[bytes, list[bytes]]:
    """The page's whole output (every element, table cells included) and every download it offers."""
    storages: list[MemoryMediaFileStorage] = []
    managers: list[MediaFileManager] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            storages.append(self)

    class RecordingManager(MediaFileManager):
        def __init__(self, storage: MemoryMediaFileStorage) -> None:
            super().__init__(storage)
            managers.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    monkeypatch.setattr(app_test, "MediaFileManager", RecordingManager)
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["org"] = "lib-a"
    if viewer.sees_private:
        app.session_state["coordinator"] = viewer.name
    app.switch_page(PAGES[page])
    app.run()
    assert not app.exception, app.exception
    parts: list[bytes] = []
    _everything(app._tree, parts)
    # A download is made when its button is clicked: click every one (run what the button would run).
    made = [entry["callable"]() for manager in managers for entry in manager._deferred_callables.values()]
    files = [_unpacked(file.content) for storage in storages for file in storage._files_by_id.values()]
    files += [_unpacked(content.encode("utf-8") if isinstance(content, str) else content) for content in made]
    # Markdown escapes ("PRIVÉ\-MARKER\-contact") must not hide a value from the search
    return b"\n".join(parts).replace(b"\\", b""), files


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_visitor_sees_no_private_value_on_any_page_or_download(
    monkeypatch: pytest.MonkeyPatch, marked_store: str, page: str
) -> None:
    shown, files = render(monkeypatch, marked_store, page, ANONYMOUS)
    assert MARK not in shown.upper()
    assert [content[:200] for content in files if MARK in content.upper()] == []
    if page == "suggestions":
        assert len(files) == 3  # the two CSV downloads and the Excel download were looked into
        for content in (shown, *files):
            # labels are the vocabulary's, capitalised ("Afgewezen"): compare without case
            assert not [word for word in FOLLOW_UP_WORDS if word in content.lower()], "follow-up shown to a visitor"


def test_a_coordinator_sees_the_marked_values_so_the_fixture_is_real(
    monkeypatch: pytest.MonkeyPatch, marked_store: str
) -> None:
    coordinator = Viewer.coordinator("Anna")
    organisation, _ = render(monkeypatch, marked_store, "organisation", coordinator)
    assert b"MARKER-contact" in organisation
    suggestions, files = render(monkeypatch, marked_store, "suggestions", coordinator)
    # the download's headings and the state are in the page's language, as the table shows them
    assert (
        b"Opvolging" in files[0] and "Geïntroduceerd".encode() in files[0] and "Geïntroduceerd".encode() in suggestions
    )
    # the suggestions cached for the coordinator are not what a visitor gets next, in the same process
    shown, files = render(monkeypatch, marked_store, "suggestions", ANONYMOUS)
    assert not [word for content in (shown, *files) for word in FOLLOW_UP_WORDS if word in content.lower()]
    review, _ = render(monkeypatch, marked_store, "review", coordinator)
    assert b"MARKER-pending" in review and b"MARKER-reason" in review


def test_a_partner_gets_what_a_visitor_gets(marked_store: str) -> None:
    atlas = Atlas.open(Settings(store=marked_store, reference=None))
    for viewer in (ANONYMOUS, Viewer.partner()):
        assert not contacts(atlas, viewer).to_csv().upper().count("MARKER")
        data = load_input(atlas, viewer)
        assert data.states == {}
        # a declined pair is not hidden from visitors either: its absence would give the decision away
        table = suggest(data, 50.0)
        assert ("lib-c", "care-w") in set(zip(table.library_org_id, table.care_org_id, strict=True))
    coordinators = suggest(load_input(atlas, Viewer.coordinator("Anna")), 50.0)
    assert ("lib-c", "care-w") not in set(zip(coordinators.library_org_id, coordinators.care_org_id, strict=True))
