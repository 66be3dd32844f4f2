"""Reference data: CBS municipalities and provinces."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.atlas import Atlas
from graph.reference import ReferenceError, load_reference
from graph.vocab import PREFIXES

pytestmark = pytest.mark.backends


def test_all_municipalities_and_provinces_are_loaded(reference_atlas: Atlas) -> None:
    areas = reference_atlas.library.run(reference_atlas.store, "internal/municipality-areas")
    assert len(areas) == 342
    woerden = areas.set_index("code").loc["GM0632"]
    assert woerden["name"] == "Woerden" and woerden["province_code"] == "PV26"
    assert str(woerden["wkt"]).startswith(("POLYGON", "MULTIPOLYGON"))
    provinces = reference_atlas.store.select(
        "SELECT ?code ?en WHERE { ?p a pw:Province ; dcterms:identifier ?code ; skos:prefLabel ?en "
        "FILTER(LANG(?en) = 'en') }",
        prefixes=PREFIXES,
    )
    assert len(provinces) == 12
    assert dict(zip(provinces["code"], provinces["en"], strict=True))["PV27"] == "North Holland"


def test_population_is_known(reference_atlas: Atlas) -> None:
    frame = reference_atlas.store.select(
        "SELECT ?population WHERE { ?m dcterms:identifier 'GM0632' ; pw:population ?population }",
        prefixes=PREFIXES,
    )
    assert list(frame["population"]) == [53724]


def test_reloading_replaces_rather_than_duplicates(reference_atlas: Atlas, tmp_path: Path) -> None:
    before = reference_atlas.store.count()
    assert reference_atlas.settings.reference is not None
    load_reference(reference_atlas.store, reference_atlas.settings.reference)
    assert reference_atlas.store.count() == before


def test_a_reference_folder_without_its_files_is_refused(reference_atlas: Atlas, tmp_path: Path) -> None:
    with pytest.raises(ReferenceError, match="gemeente_2025.geojson"):
        load_reference(reference_atlas.store, tmp_path)


def test_the_first_load_into_an_empty_store_keeps_everything(empty_atlas: Atlas) -> None:
    """Regression: on a server, a reference graph new to the store was written ahead of its change and then
    dropped by that change's own replacement of the graph, which left the atlas without municipalities."""
    from .conftest import reference_dir

    assert load_reference(empty_atlas.store, reference_dir()) == 342
    areas = empty_atlas.library.run(empty_atlas.store, "internal/municipality-areas")
    assert len(areas) == 342
