"""Shared fixtures: real stores in temporary folders or on real SPARQL servers, the real reference and seed data.

A test module marked ``pytest.mark.backends`` runs every test that uses a store fixture three times: on the
embedded store, on an Oxigraph server and on Virtuoso, each started once per session on 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from itertools import zip_longest
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from devtools.local_server import LocalServer, ServerUnavailable, start
from graph.intake.importer import import_path
from graph.model.terms import from_ox
from graph.model.viewer import COMMAND_LINE, private_read
from graph.settings import DEFAULT_REFERENCE, REPO_ROOT, Settings
from graph.store.atlas import Atlas
from graph.store.interface import Change
from graph.store.server.store import SparqlServerStore

from .command_line import run_command_line

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "data" / "tiny"
SEED = REPO_ROOT / "data" / "seed"
# Tests look at everything a store holds, private graphs included, as the command line may.
EVERYTHING = private_read(COMMAND_LINE)


def reference_dir() -> Path:
    """The reference data the repository carries (``data/reference``)."""
    return DEFAULT_REFERENCE


BACKENDS = ("embedded", "oxigraph", "virtuoso")
# A module about a feature (import, submissions, suggestions, …) rather than about the store itself runs on the
# embedded store and on Virtuoso only: the Oxigraph server runs the embedded store's own engine behind the same
# HTTP client that Virtuoso tests, so a third run checks nothing the other two do not. The modules about the
# store, its questions, the console and privacy keep all three (`pytest.mark.backends` without arguments).
FEATURE_BACKENDS = ("embedded", "virtuoso")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in one tier: ``unit`` (tests/unit: pure functions), ``browser`` (a real Chromium), ``app``
    (Streamlit's AppTest) or ``stores`` (everything that reads or writes a real store or runs the CLI)."""
    unit_folder = Path(__file__).parent / "unit"
    items.sort(key=_long_modules_first(items))
    for item in items:
        if Path(str(item.fspath)).is_relative_to(unit_folder):
            item.add_marker(pytest.mark.unit)
        elif item.get_closest_marker("browser"):
            continue
        elif "AppTest" in vars(item.module):  # type: ignore[attr-defined]
            item.add_marker(pytest.mark.app)
        else:
            item.add_marker(pytest.mark.stores)


def _module_marks(item: pytest.Item) -> set[str]:
    marks = getattr(getattr(item, "module", None), "pytestmark", [])
    return {mark.name for mark in (marks if isinstance(marks, list) else [marks])}


def _long_modules_first(items: list[pytest.Item]) -> Callable[[pytest.Item], int]:
    """The long modules (in a browser, or marked slow as a whole) first, so that the workers of ``pytest -n``
    end together instead of one finishing a long module alone; a browser module next to a long one without a
    browser, since a browser mostly waits while the other computes. A module's tests keep their order."""
    browser: list[str] = []
    other: list[str] = []
    for item in items:
        marks = _module_marks(item)
        queue = browser if "browser" in marks else other if "slow" in marks else None
        if queue is not None and item.nodeid.split("::")[0] not in queue:
            queue.append(item.nodeid.split("::")[0])
    paired = [name for pair in zip_longest(browser, other) for name in pair if name is not None]
    rank = {name: position for position, name in enumerate(paired)}
    return lambda item: rank.get(item.nodeid.split("::")[0], len(rank))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    marker = metafunc.definition.get_closest_marker("backends")
    if "backend" in metafunc.fixturenames and marker:
        metafunc.parametrize("backend", marker.args or BACKENDS, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Where the store fixtures keep their data: ``embedded`` unless the module asks for every backend."""
    return str(getattr(request, "param", "embedded"))


def start_server(engine: str, folder: Path, **options: int) -> LocalServer:
    """A local server, or a skipped test when the engine is not installed (a failure on CI)."""
    try:
        return start(engine, folder, **options)
    except ServerUnavailable as missing:
        if os.environ.get("PASSENDWERK_REQUIRE_SERVERS"):
            pytest.fail(str(missing))
        pytest.skip(str(missing))


#: The shared Oxigraph server's own limit per query. The console tests ask questions that never finish; the console
#: stops waiting after a few seconds, but a server goes on until its own limit, and at the deployment's 120 s
#: each such question kept one of the machine's cores busy for two minutes under the tests that followed.
SERVER_TIMEOUT_S = 20


class ServerPool:
    """SPARQL servers started on first use and stopped at the end of the session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.servers: dict[str, LocalServer] = {}
        self.saved_environment: dict[str, str | None] = {}

    def get(self, engine: str) -> LocalServer:
        if engine not in self.servers:
            # Virtuoso refuses a question whose estimated cost passes its limit before it starts, so it keeps the
            # deployment's limit: a busy machine made it refuse the migration's questions at 20 s.
            limits = {"timeout_s": SERVER_TIMEOUT_S} if engine == "oxigraph" else {}
            server = self.servers[engine] = start_server(engine, self.folder / engine, **limits)
            # The atlas's account, for the processes the tests start (the command line, the app), as in a
            # deployment; a server without accounts (Oxigraph) never asks for them.
            for name, value in server.environment().items():
                if name != "PASSENDWERK_STORE":
                    self.saved_environment.setdefault(name, os.environ.get(name))
                    os.environ[name] = value
        return self.servers[engine]

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        for name, value in self.saved_environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="session")
def server_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerPool]:
    pool = ServerPool(tmp_path_factory.mktemp("servers"))
    yield pool
    pool.stop()


def fresh_server_atlas(pool: ServerPool, engine: str, baseline: Path | None, reference: Path | None) -> Atlas:
    """An atlas on a shared server, emptied of what earlier tests wrote; with ``baseline`` (an N-Quads file),
    holding exactly those graphs (they are kept between tests when they are still intact, to save time)."""
    server = pool.get(engine)
    atlas = Atlas.open(Settings(store=server.query_url, reference=reference, server=server.access))
    assert isinstance(atlas.store, SparqlServerStore)
    # A test that kills a writer on purpose leaves its staging graphs behind, as a real crash would; they are
    # invisible to the atlas but not to a test that counts the server's graphs.
    atlas.store.tidy(timedelta(0), unregistered=True)
    expected = _graph_sizes(baseline) if baseline else {}
    present = atlas.store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", private=EVERYTHING
    )
    sizes = dict(zip(present["g"], present["n"], strict=True))
    intact = all(sizes.get(graph) == size for graph, size in expected.items())
    change = Change(remove_graphs={URIRef(g) for g in sizes if not (intact and g in expected)})
    if baseline and not intact:
        change.add = [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value))
            for q in ox.parse(path=str(baseline), format=ox.RdfFormat.N_QUADS)
        ]
    if change.remove_graphs or change.add:
        atlas.store.apply(change)
    return atlas


def _graph_sizes(nquads: Path) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        sizes[quad.graph_name.value] = sizes.get(quad.graph_name.value, 0) + 1
    return sizes


@pytest.fixture
def empty_atlas(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Atlas:
    """A store with nothing in it, not even the vocabulary."""
    if backend != "embedded":
        return fresh_server_atlas(request.getfixturevalue("server_pool"), backend, None, None)
    return Atlas.open(Settings(store=str(tmp_path / "store"), reference=None))


@pytest.fixture(scope="session")
def _reference_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the vocabulary and the reference data, built once and copied per test."""
    from graph.intake.importer import ensure_vocabulary
    from graph.intake.reference import load_reference

    folder = tmp_path_factory.mktemp("reference") / "store"
    atlas = Atlas.open(Settings(store=str(folder), reference=reference_dir()))
    ensure_vocabulary(atlas.store, atlas.settings.data_dir)
    load_reference(atlas.store, reference_dir())
    folder.with_name("reference.nq").write_bytes(atlas.store.dump())
    return folder


def _copy_store(source: Path, target: Path) -> None:
    """The store's folder with its generation and its journal, which a reader catches up from."""
    shutil.copytree(source, target)
    for beside in (".generation", ".journal"):
        kept = source.with_name(source.name + beside)
        if kept.exists():
            shutil.copy(kept, target.with_name(target.name + beside))


@pytest.fixture
def reference_atlas(tmp_path: Path, _reference_store: Path, backend: str, request: pytest.FixtureRequest) -> Atlas:
    """Vocabulary and CBS reference data, no records."""
    if backend != "embedded":
        baseline = _reference_store.with_name("reference.nq")
        return fresh_server_atlas(request.getfixturevalue("server_pool"), backend, baseline, reference_dir())
    target = tmp_path / "store"
    _copy_store(_reference_store, target)
    return Atlas.open(Settings(store=str(target), reference=reference_dir()))


@pytest.fixture
def other_reference_loaded(backend: str) -> Iterator[list[Atlas]]:
    """For a test that loads other reference data into the atlases it appends here: on a shared server their
    reference graph is dropped afterwards, so that the next test gets the real one again (the check that keeps
    graphs between tests compares sizes, and a changed boundary or code has the same size)."""
    from graph.intake.reference import REFERENCE_GRAPH

    atlases: list[Atlas] = []
    yield atlases
    if backend != "embedded":
        for atlas in atlases:
            atlas.store.apply(Change(remove_graphs={REFERENCE_GRAPH}))


def _imported(atlas: Atlas, folder: Path) -> Atlas:
    report = import_path(atlas, folder, agent="test")
    assert report.ok, [p.render() for p in report.problems]
    return atlas


def _imported_store(_reference_store: Path, folder: Path, data: Path) -> Path:
    """A store holding the reference data and one import, made once per session and copied per test (an
    import with its SHACL check costs more than a copy)."""
    _copy_store(_reference_store, folder)
    _imported(Atlas.open(Settings(store=str(folder), reference=reference_dir())), data)
    return folder


@pytest.fixture(scope="session")
def _tiny_store(tmp_path_factory: pytest.TempPathFactory, _reference_store: Path) -> Path:
    return _imported_store(_reference_store, tmp_path_factory.mktemp("tiny") / "store", TINY)


@pytest.fixture(scope="session")
def _seed_store(tmp_path_factory: pytest.TempPathFactory, _reference_store: Path) -> Path:
    return _imported_store(_reference_store, tmp_path_factory.mktemp("seed") / "store", SEED)


def _atlas_with_import(
    request: pytest.FixtureRequest, backend: str, made: Path, data: Path, reference_store: Path
) -> Atlas:
    """A test's own atlas holding the reference data and the import of ``data``: a copy of ``made`` when
    embedded; on a server, the same import made there once and restored from its dump afterwards (each engine
    writes its own bookkeeping beside the records)."""
    if backend == "embedded":
        target = request.getfixturevalue("tmp_path") / data.name / "store"  # a test may ask for tiny and seed
        target.parent.mkdir()
        _copy_store(made, target)
        return Atlas.open(Settings(store=str(target), reference=reference_dir()))
    pool: ServerPool = request.getfixturevalue("server_pool")
    baseline = pool.folder / f"{backend}-{data.name}.nq"
    if baseline.exists():
        return fresh_server_atlas(pool, backend, baseline, reference_dir())
    atlas = _imported(
        fresh_server_atlas(pool, backend, reference_store.with_name("reference.nq"), reference_dir()), data
    )
    baseline.write_bytes(atlas.store.dump(private=EVERYTHING))
    return atlas


@pytest.fixture
def seed_atlas(request: pytest.FixtureRequest, backend: str, _seed_store: Path, _reference_store: Path) -> Atlas:
    return _atlas_with_import(request, backend, _seed_store, SEED, _reference_store)


@pytest.fixture
def tiny_atlas(request: pytest.FixtureRequest, backend: str, _tiny_store: Path, _reference_store: Path) -> Atlas:
    return _atlas_with_import(request, backend, _tiny_store, TINY, _reference_store)


def run_cli(
    *args: str, store: Path | str, check: bool = False, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line in a separate process (forked from one that has read the modules already)."""
    result = run_command_line(
        ["--store", str(store), *args],
        environment={**os.environ, **(env or {})},
        folder=REPO_ROOT,
        input_text=input_text,
    )
    if check:
        result.check_returncode()
    return result
