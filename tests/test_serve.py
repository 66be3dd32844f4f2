"""`python -m ui.serve`, as `make run` starts the app: the atlas is made ready while the server starts, so the
first visitor after a restart does not wait for the public copy; a store it cannot read does not stop it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.model.viewer import Viewer
from graph.model.vocab import SDO, public_graph
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change
from graph.store.saved_answers import read_saved

from .browser import free_port
from .conftest import TINY, run_cli

THING = URIRef("https://w3id.org/passendwerk/id/test/thing")


@contextmanager
def serving(store: str, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "ui.serve", "--server.address", "127.0.0.1", "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=REPO_ROOT,
            env={**os.environ, "PASSENDWERK_STORE": store},
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield f"http://127.0.0.1:{port}", process
        finally:
            process.terminate()
            process.wait(timeout=20)


def wait_for(log: Path, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        written = log.read_text(encoding="utf-8", errors="replace")
        if text in written:
            return written
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not in the server's output:\n{log.read_text(errors='replace')}")


def healthy(url: str) -> bool:
    return bool(urllib.request.urlopen(f"{url}/_stcore/health", timeout=5).read() == b"ok")


def test_the_server_makes_the_atlas_ready_before_anyone_visits(seed_atlas: Atlas, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with serving(seed_atlas.store.location, log) as (url, _):
        # nothing has asked for a page yet: the ready line comes from the server's own start
        written = wait_for(log, "Atlas klaar")
        assert "kerncijfers" in written and "Traceback" not in written
        assert healthy(url)


def test_a_store_it_cannot_read_is_logged_and_the_app_still_serves(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("geen opslag\n", encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(str(not_a_folder), log) as (url, process):
        written = wait_for(log, "the atlas could not be made ready")
        wait_for(log, "URL:")
        assert healthy(url) and process.poll() is None
        assert "Traceback" not in written


def test_settings_it_could_never_work_with_stop_the_server_before_it_starts(seed_atlas: Atlas) -> None:
    started = subprocess.run(
        [sys.executable, "-m", "ui.serve", "--server.port", str(free_port()), "--server.headless", "true"],
        cwd=REPO_ROOT,
        env={**os.environ, "PASSENDWERK_STORE": seed_atlas.store.location, "PASSENDWERK_PUBLIC_READS": "geheugen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2
    assert "PASSENDWERK_PUBLIC_READS" in started.stderr and "Traceback" not in started.stderr


def test_a_write_by_another_process_is_answered_in_the_background_before_anyone_asks(
    seed_atlas: Atlas, tmp_path: Path
) -> None:
    """After an import on the command line the server reads its first pages again and asks every named question
    of the whole country, without a visit: every process then finds each answer saved for the new version of the
    data (the listings of every site or collaboration took the first reader after a write 0.2–0.3 s)."""
    store = seed_atlas.store
    assert isinstance(store, EmbeddedStore)
    log = tmp_path / "serve.log"
    with serving(store.location, log):
        wait_for(log, "Atlas klaar")
        assert run_cli("import", str(TINY), store=store.location).returncode == 0
        written = wait_for(log, "atlas brought up to date after a write", seconds=60)
        generation = store.generation()
        catalogue = seed_atlas.questions
        questions = {name: catalogue.get(name) for name in catalogue.names(include_internal=True)}
        # every question of the whole country, and the internal ones that suggestions and imports start from
        whole_country = [name for name, q in questions.items() if not q.internal or not q.parameters]
        assert "internal/suggestion-sites" in whole_country
        unanswered = [
            name for name in whole_country if read_saved(store.path, questions[name].text, generation) is None
        ]
        assert unanswered == []
        assert "Traceback" not in written


def test_a_store_folder_removed_while_serving_is_reported_once_and_not_made_anew(
    seed_atlas: Atlas, tmp_path: Path
) -> None:
    """Regression: with the store's folder moved away (and a new generation beside it) the server's thread read
    the store within two seconds, which made an empty store in its place, and said it was brought up to date."""
    store = seed_atlas.store
    assert isinstance(store, EmbeddedStore)
    log = tmp_path / "serve.log"
    with serving(store.location, log) as (url, process):
        wait_for(log, "Atlas klaar")
        store.path.rename(tmp_path / "elders")
        store._generation_path.write_text("write-elders", encoding="ascii")
        wait_for(log, "the store is gone", seconds=30)
        time.sleep(5)  # two more looks
        written = log.read_text(encoding="utf-8", errors="replace")
        assert not store.path.exists()
        assert written.count("the store is gone") == 1 and "brought up to date after a write" not in written
        assert healthy(url) and process.poll() is None


def test_a_run_of_writes_is_followed_once_when_it_is_over(seed_atlas: Atlas, tmp_path: Path) -> None:
    """Writes one after another (a coordinator approving submissions in a row) are followed once the store has
    stood still for a look, not after each of them while the coordinator's next pages are being made."""
    store = seed_atlas.store
    assert isinstance(store, EmbeddedStore)
    log = tmp_path / "serve.log"
    with serving(store.location, log):
        wait_for(log, "Atlas klaar")
        writer = EmbeddedStore(store.path)
        for text in ("een", "twee", "drie", "vier", "vijf", "zes"):  # a write every second, over three looks
            writer.apply(Change(add=[(THING, SDO.name, Literal(text), public_graph("test"))]))
            time.sleep(1)
        wait_for(log, "atlas brought up to date after a write", seconds=60)
        time.sleep(5)  # two more looks
        assert log.read_text(encoding="utf-8").count("atlas brought up to date after a write") == 1
        generation = store.generation()
        stats = seed_atlas.questions.get("stats")
        assert read_saved(store.path, stats.text, generation) is not None  # followed at the last write


def page_with_a_contact(made: list[str]) -> Callable[[Atlas, Viewer], str]:
    """A read model whose answer holds a contact person; ``made`` gets the viewer's name each time it is made."""

    def organisation_page(atlas: Atlas, viewer: Viewer) -> str:
        made.append(viewer.name)
        return "Anna de Vries, coördinator"

    return organisation_page


def served_page_with_a_contact(
    atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> tuple[EmbeddedStore, list[str], Callable[[Atlas, Viewer], str]]:
    """The store the app of this process serves, and a read model of it whose answer holds a contact person."""
    store = atlas.store
    assert isinstance(store, EmbeddedStore)
    monkeypatch.setenv("PASSENDWERK_STORE", store.location)
    made: list[str] = []
    return store, made, page_with_a_contact(made)


def follow_one_write(store: EmbeddedStore, capfd: pytest.CaptureFixture[str]) -> None:
    """The server's thread following the store while another process writes once, until it has caught up."""
    from ui.serve import follow_writes

    stop = threading.Event()
    follower = threading.Thread(target=follow_writes, args=(store.generation(), stop, 0.2), daemon=True)
    follower.start()
    try:
        EmbeddedStore(store.path).apply(Change(add=[(THING, SDO.name, Literal("nieuw"), public_graph("test"))]))
        deadline, said = time.monotonic() + 60, ""
        while "atlas brought up to date after a write" not in said and time.monotonic() < deadline:
            time.sleep(0.2)
            said += capfd.readouterr().err
        assert "atlas brought up to date after a write" in said
    finally:
        stop.set()
        follower.join(timeout=30)


def test_a_write_drops_the_answers_this_process_shared_for_the_version_before(
    seed_atlas: Atlas, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Regression: a coordinator's organisation page read before ``forget-contact`` stayed in the app's shared
    answers, with the person's name, until 128 other answers pushed it out. The server drops them as soon as it
    sees a write by any process."""
    from ui import context

    store, made, page = served_page_with_a_contact(seed_atlas, monkeypatch)
    coordinator, version_before = Viewer.coordinator("anna"), context.data_version()
    name = f"{page.__module__}.{page.__qualname__}"  # as the shared answers name it
    context.read(page, coordinator)
    context.read(page, coordinator)
    assert made == ["anna"]  # one answer, shared
    follow_one_write(store, capfd)
    # Asked again for the version before the write, the answer is made anew: nothing of it was kept.
    context._read(version_before, name, (coordinator,), page)
    assert made == ["anna", "anna"]


def test_an_answer_kept_by_a_page_that_was_reading_when_the_write_came_is_dropped_too(
    seed_atlas: Atlas, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Regression: the server dropped the shared answers once, at the first look after a write. A page that was
    reading when the write came kept its answer after that, under the version before the write, with a contact
    person erased meanwhile. The answers are dropped again when the store has stood still."""
    from ui import context

    store, made, page = served_page_with_a_contact(seed_atlas, monkeypatch)
    coordinator, version_before = Viewer.coordinator("anna"), context.data_version()
    name = f"{page.__module__}.{page.__qualname__}"  # as the shared answers name it
    really_forget, dropped = context.forget_older_answers, []

    def forget_and_then_a_page_that_was_reading_keeps_its_answer() -> None:
        really_forget()
        dropped.append(1)
        if len(dropped) == 1:
            context._read(version_before, name, (coordinator,), page)

    monkeypatch.setattr(context, "forget_older_answers", forget_and_then_a_page_that_was_reading_keeps_its_answer)
    follow_one_write(store, capfd)
    assert made == ["anna"]  # the page that was reading kept its answer after the first drop
    context._read(version_before, name, (coordinator,), page)
    assert made == ["anna", "anna"]  # and it did not stay
