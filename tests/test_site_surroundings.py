"""The municipalities around a point on the small maps of the partner form and the review card, on a store with
and without reference data."""

from __future__ import annotations

from graph.store.atlas import Atlas
from graph.views.site_surroundings import site_surroundings


def test_a_point_in_venlo_lies_in_venlo_among_its_neighbours(reference_atlas: Atlas) -> None:
    around = site_surroundings(reference_atlas, 51.37, 6.17)
    assert around.municipality == "Venlo"
    here = [feature["tooltip"] for feature in around.features if feature["properties"]["here"]]
    assert here == ["Venlo"]
    assert {"Beesel", "Horst aan de Maas", "Peel en Maas"} <= {feature["tooltip"] for feature in around.features}


def test_a_point_in_the_sea_lies_in_no_municipality(reference_atlas: Atlas) -> None:
    around = site_surroundings(reference_atlas, 52.6, 3.9)
    assert around.municipality is None and not any(feature["properties"]["here"] for feature in around.features)


def test_a_store_without_reference_data_has_no_surroundings_to_draw(empty_atlas: Atlas) -> None:
    around = site_surroundings(empty_atlas, 51.37, 6.17)
    assert around.features == [] and around.municipality is None
