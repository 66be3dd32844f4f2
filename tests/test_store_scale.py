"""The store at scale: a bounded set of named graphs whatever number of imports, and a write by another process
that reaches this process's public copy as that write's public part (the journal), not as a new copy; with the
same answers and the same privacy as before."""

from __future__ import annotations

import pandas as pd
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from graph.intake.importer import import_path
from graph.intake.mapping import RECORDS_GRAPH
from graph.intake.migrate import migrate
from graph.intake.submissions import (
    SUBMISSIONS_GRAPH,
    NewOrganisation,
    SubmissionForm,
    approval_source,
    approve,
    revert,
    submit,
)
from graph.model.viewer import Viewer
from graph.model.vocab import SDO, private_graph, public_graph
from graph.settings import REPO_ROOT, PublicReads
from graph.store import embedded, journal
from graph.store.atlas import Atlas
from graph.store.embedded import EmbeddedStore
from graph.store.interface import Change, Quad
from graph.store.public_snapshot import snapshot_path
from graph.store.sparql_text import ox_quad

from .conftest import EVERYTHING, run_cli

TINY = REPO_ROOT / "tests" / "data" / "tiny"
SEED = REPO_ROOT / "data" / "seed"
THING = URIRef("https://w3id.org/passendwerk/id/test/thing")


def public_answers(atlas: Atlas) -> dict[str, pd.DataFrame]:
    """Every public named question, sorted so that row order and the order of GROUP_CONCAT's parts (which
    SPARQL leaves open) do not count."""
    answers = {}
    for question in atlas.questions.public():
        frame = atlas.answer(question.name).map(_parts_sorted)
        answers[question.name] = frame.sort_values(list(frame.columns), ignore_index=True) if len(frame) else frame
    return answers


def _parts_sorted(value: object) -> object:
    """A GROUP_CONCAT of the named questions (joined by ";" or ", ") with its parts in one order."""
    if not isinstance(value, str):
        return value
    separator = ";" if ";" in value else ", "
    return separator.join(sorted(value.split(separator)))


def assert_same_answers(found: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert found.keys() == expected.keys()
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(found[name], frame, check_dtype=False, obj=name)


@pytest.mark.backends
def test_imports_and_approvals_leave_the_same_named_graphs(tiny_atlas: Atlas) -> None:
    first = submit(tiny_atlas, _form("Bibliotheek Oudewater")).code
    assert first and not approve(tiny_atlas, first, Viewer.coordinator("coordinator@example.org"))
    graphs = tiny_atlas.store.named_graphs(private=EVERYTHING)
    assert str(RECORDS_GRAPH) in graphs and str(SUBMISSIONS_GRAPH) in graphs
    for _ in range(3):
        assert import_path(tiny_atlas, TINY, agent="test").written
    assert import_path(tiny_atlas, SEED, agent="test").written
    code = submit(tiny_atlas, _form("Bibliotheek Montfoort")).code
    assert code and not approve(tiny_atlas, code, Viewer.coordinator("coordinator@example.org"))
    assert tiny_atlas.store.named_graphs(private=EVERYTHING) == graphs
    # each record says which import or approval generated it, when and by whom
    used = tiny_atlas.store.quads(predicate=DCTERMS.title, obj=Literal(approval_source(code)))[0][0]
    activity = URIRef(str(used).removesuffix("/input"))
    described = {p for _, p, _, _ in tiny_atlas.store.quads(subject=activity)}
    assert {RDF.type, PROV.startedAtTime, PROV.wasAssociatedWith, PROV.used} <= described
    generated = tiny_atlas.store.quads(predicate=PROV.wasGeneratedBy, obj=activity)
    assert len(generated) == 3  # the new library, its site and the collaboration
    # a revert takes the approval's records and its activity off again, and leaves no graph behind
    revert(tiny_atlas, code, Viewer.coordinator("coordinator@example.org"), "test")
    assert not tiny_atlas.store.quads(subject=activity)
    assert not tiny_atlas.store.quads(predicate=PROV.wasGeneratedBy, obj=activity)
    assert tiny_atlas.store.named_graphs(private=EVERYTHING) == graphs


def _form(library: str) -> SubmissionForm:
    return SubmissionForm(
        new_library=NewOrganisation(library, "Oudewater", 52.025, 4.87),
        care_site_id="x-woerden",
        activities=("werk",),
        submitter_email="partner@example.org",
    )


@pytest.mark.backends
def test_migrate_moves_the_graphs_of_single_imports_into_the_bounded_ones(tiny_atlas: Atlas) -> None:
    expected = public_answers(tiny_atlas)
    bounded = tiny_atlas.store.named_graphs(private=EVERYTHING)
    # a store of the current model written by a version that gave every import and submission a graph
    records = tiny_atlas.store.quads(graph=RECORDS_GRAPH, private=EVERYTHING)
    change = Change(remove_graphs={RECORDS_GRAPH})
    change.add = [(s, p, o, public_graph(f"import/{index % 3}")) for index, (s, p, o, _) in enumerate(records)]
    pending = URIRef("https://w3id.org/passendwerk/id/submission/OLD1")
    change.add.append((pending, SDO.name, Literal("wacht"), private_graph("submission/OLD1")))
    tiny_atlas.store.apply(change)
    assert len(tiny_atlas.store.named_graphs(private=EVERYTHING)) == len(bounded) + 3
    assert_same_answers(public_answers(tiny_atlas), expected)

    assert migrate(tiny_atlas) > 0

    assert tiny_atlas.store.named_graphs(private=EVERYTHING) == sorted(bounded + [str(SUBMISSIONS_GRAPH)])
    assert_same_answers(public_answers(tiny_atlas), expected)
    assert tiny_atlas.store.quads(subject=pending, private=EVERYTHING)[0][3] == SUBMISSIONS_GRAPH
    assert migrate(tiny_atlas) == 0


def test_a_write_by_another_process_reaches_the_copy_without_a_new_copy(
    seed_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.count()  # this process's copy, made before the other process writes
    copies: list[str] = []
    copy_anew = store._copy_anew

    def counted_copy() -> None:
        copies.append("copy")
        copy_anew()

    monkeypatch.setattr(store, "_copy_anew", counted_copy)
    result = run_cli("import", str(TINY), store=store.location)
    assert result.returncode == 0, result.stderr

    caught_up = public_answers(seed_atlas)

    assert copies == []
    assert_same_answers(
        caught_up, public_answers(Atlas(seed_atlas.settings, EmbeddedStore(store.path), seed_atlas.questions))
    )
    assert caught_up["stats"].equals(public_answers(seed_atlas)["stats"])


def test_private_data_never_reaches_the_journal_or_the_copy(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.count()
    for text, graph in (("openbaar", public_graph("test")), ("geheim", private_graph("test"))):
        store.apply(Change(add=[(THING, SDO.description, Literal(text), graph)]))
    journal = store._journal.path.read_bytes()
    assert b"openbaar" in journal and b"geheim" not in journal and b"/private/" not in journal
    assert list(store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")["o"]) == ["openbaar"]
    store.apply(Change(remove_subjects={THING}))
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }").empty
    assert store.count(private=EVERYTHING) == 0


def test_a_write_that_only_adds_is_journalled_as_n_quads_and_reaches_another_process_value_for_value(
    empty_atlas: Atlas,
) -> None:
    """A write that only adds quads (a first import) is journalled as N-Quads, which took a tenth of the time of
    writing it as an update at demo scale 1; a write that also removes stays one SPARQL Update. Both reach a
    reader's copy with every value as written: language, datatype, quotes, line breaks, accents."""
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    reader = EmbeddedStore(store.path)
    reader.count()
    values = [
        Literal('Daelzicht "dagbesteding"\nin Venlo', lang="nl"),
        Literal("Bibliotheek Tegelen — café"),
        Literal("42", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        Literal("2023-05", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")),
    ]
    store.apply(Change(add=[(THING, SDO.description, value, public_graph("test")) for value in values]))
    header = store._journal.path.read_bytes().split(b"\n", 1)[0]
    assert header.endswith(b" nquads")
    described = "SELECT ?o WHERE { ?s <https://schema.org/description> ?o }"
    assert sorted(map(str, reader.select(described)["o"])) == sorted(map(str, values))
    datatypes = "SELECT (DATATYPE(?o) AS ?t) (LANG(?o) AS ?l) WHERE { ?s ?p ?o } ORDER BY ?t ?l"
    assert reader.select(datatypes).equals(EmbeddedStore(store.path, public_reads=PublicReads.DISK).select(datatypes))

    store.apply(Change(remove_subjects={THING}, add=[(THING, SDO.name, Literal("daarna"), public_graph("test"))]))
    last_header = store._journal.path.read_bytes().rstrip(b"\n").rsplit(b"\n@ ", 1)[1].split(b"\n", 1)[0]
    assert not last_header.endswith(b" nquads")
    assert list(reader.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["daarna"]


def test_a_journal_entry_that_cannot_be_applied_makes_a_reader_copy_anew_instead_of_failing_every_read(
    empty_atlas: Atlas,
) -> None:
    """Regression: an entry damaged by hand (here garbage under an N-Quads header, with the generation it claims
    to make) failed every public read of every running process, and of every new one that started from the saved
    copy, until the journal was started afresh."""
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.apply(Change(add=[(THING, SDO.name, Literal("eerst"), public_graph("test"))]))
    reader = EmbeddedStore(store.path)
    assert list(reader.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["eerst"]
    with store._locked():
        body = b"dit is geen N-Quads\n"
        with open(store._journal.path, "ab") as journal_file:
            journal_file.write(b"@ " + store.generation().encode() + b" write-beschadigd %d nquads\n" % len(body))
            journal_file.write(body + b"\n")
        store._set_generation("write-beschadigd")
    for process in (reader, EmbeddedStore(store.path)):  # a running one, and one starting from the saved copy
        assert list(process.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["eerst"]
    store.apply(Change(add=[(THING, SDO.name, Literal("daarna"), public_graph("test"))]))
    assert sorted(reader.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["daarna", "eerst"]


def test_a_very_large_write_makes_every_reader_copy_anew(empty_atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    monkeypatch.setattr(journal, "MAX_ENTRY_QUADS", 10)
    store.apply(Change(add=[(THING, SDO.name, Literal("klein"), public_graph("test"))]))
    store.count()
    many: list[Quad] = [
        (URIRef(f"{THING}/{index}"), SDO.name, Literal("x"), public_graph("test")) for index in range(11)
    ]
    store.apply(Change(add=many))
    assert store._journal.path.read_bytes() == b""
    assert store.count() == 12


def test_a_writer_that_died_before_committing_shows_nothing_and_the_next_write_is_seen(empty_atlas: Atlas) -> None:
    store = empty_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.apply(Change(add=[(THING, SDO.name, Literal("vastgelegd"), public_graph("test"))]))
    reader = EmbeddedStore(store.path)
    reader.count()
    # what a writer leaves when it dies between writing its journal entry and committing its transaction
    died = Change(add=[(THING, SDO.name, Literal("nooit vastgelegd"), public_graph("test"))])
    with store._locked():
        store._journal.append(store.generation(), "write-died", [], [ox_quad(q) for q in died.add], set())
        store._set_generation("pending-died")
    assert list(reader.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["vastgelegd"]
    store.apply(Change(add=[(THING, SDO.name, Literal("daarna"), public_graph("test"))]))
    assert sorted(reader.select("SELECT ?o WHERE { ?s ?p ?o }")["o"]) == ["daarna", "vastgelegd"]


def test_a_new_process_starts_from_the_saved_public_copy_and_catches_up(
    seed_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seed_atlas.store
    assert isinstance(store, EmbeddedStore)
    store.count()  # the first process copies from the folder and saves its copy
    assert snapshot_path(store.path).exists()
    result = run_cli("import", str(TINY), store=store.location)  # another process writes after that
    assert result.returncode == 0, result.stderr
    saved: list[str] = []
    monkeypatch.setattr(embedded, "save_snapshot", lambda *args: saved.append("saved"))

    started = EmbeddedStore(store.path)  # a process that starts now: the saved copy and the journal since
    answers = public_answers(Atlas(seed_atlas.settings, started, seed_atlas.questions))

    assert saved == []  # it did not copy from the folder
    from_folder = Atlas(seed_atlas.settings, EmbeddedStore(store.path, PublicReads.DISK), seed_atlas.questions)
    assert_same_answers(answers, public_answers(from_folder))
    assert answers["stats"].equals(public_answers(seed_atlas)["stats"])
