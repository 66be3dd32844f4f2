"""The GeoJSON export as a GIS user opens it: RFC 7946 winding and precision, sites, collaborations, municipalities."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from graph.intake.exporter import export
from graph.intake.geojson_export import rfc7946_geometry
from graph.intake.importer import import_path
from graph.store.atlas import Atlas

from .conftest import TINY, run_cli

TOO_PRECISE = re.compile(r"\d\.\d{8,}")


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace formula: positive for a counter-clockwise ring (lon to the right, lat up)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2.0


def polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def geojson(atlas: Atlas, *layers: str) -> tuple[str, dict[str, Any]]:
    content = export(atlas, "geojson", None, layers=layers or ("sites",))
    assert content is not None
    return content.decode("utf-8"), json.loads(content)


def test_municipality_rings_run_counter_clockwise_as_rfc_7946_asks(seed_atlas: Atlas) -> None:
    """Regression: the CBS boundaries arrive with clockwise exterior rings, which RFC 7946 reverses."""
    _, collection = geojson(seed_atlas, "municipalities")
    municipalities = collection["features"]
    assert len(municipalities) == 342
    for feature in municipalities:
        for rings in polygons(feature["geometry"]):
            assert signed_area(rings[0]) > 0, feature["id"]
            assert all(signed_area(hole) < 0 for hole in rings[1:]), feature["id"]
    woerden = next(f for f in municipalities if f["id"] == "gemeente/GM0632")
    assert woerden["properties"] == {
        "layer": "municipality",
        "code": "GM0632",
        "name": "Woerden",
        "library_sites": 1,
        "care_sites": 1,
        "active_collaborations": 1,
        "coverage": "covered",
        "population": 53724,  # CBS, 1 January 2025 (data/reference/gemeenten_2025.csv)
    }


def test_holes_run_clockwise_and_exteriors_counter_clockwise() -> None:
    # As CBS publishes: a clockwise exterior with a counter-clockwise hole.
    square = [[5.0, 52.0], [5.0, 52.1], [5.1, 52.1], [5.1, 52.0], [5.0, 52.0]]
    hole = [[5.02, 52.02], [5.08, 52.02], [5.08, 52.08], [5.02, 52.08], [5.02, 52.02]]
    assert signed_area(square) < 0 and signed_area(hole) > 0
    for geometry in (
        {"type": "Polygon", "coordinates": [square, hole]},
        {"type": "MultiPolygon", "coordinates": [[square, hole]]},
    ):
        (exterior, interior), *_ = polygons(rfc7946_geometry(geometry))
        assert signed_area(exterior) > 0 and signed_area(interior) < 0


def test_coordinates_have_at_most_seven_decimals(reference_atlas: Atlas, tmp_path: Path) -> None:
    folder = tmp_path / "precise"
    shutil.copytree(TINY, folder)
    sites = (folder / "sites.csv").read_text(encoding="utf-8")
    (folder / "sites.csv").write_text(sites.replace("52.085,4.88333,", "52.0850001499,4.883331234567891,"))
    report = import_path(reference_atlas, folder)
    assert report.ok, [problem.render() for problem in report.problems]
    text, collection = geojson(reference_atlas, "sites", "collaborations", "municipalities")
    assert not TOO_PRECISE.search(text), TOO_PRECISE.search(text)
    woerden = next(f for f in collection["features"] if f["id"] == "site/a-woerden")
    assert woerden["geometry"]["coordinates"] == [4.8833312, 52.0850001]
    # Westervoort's repaired boundary keeps its shape at 7 decimals.
    westervoort = next(f for f in collection["features"] if f["id"] == "gemeente/GM0293")
    assert westervoort["geometry"]["type"] == "MultiPolygon"


def test_collaborations_are_lines_from_library_to_care_site_on_request(seed_atlas: Atlas) -> None:
    _, sites_only = geojson(seed_atlas)
    assert {f["geometry"]["type"] for f in sites_only["features"]} == {"Point"}
    _, collection = geojson(seed_atlas, "sites", "collaborations")
    features = collection["features"]
    assert [f["geometry"]["type"] for f in features].count("Point") == 14
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    assert len(lines) == 7 and {f["properties"]["layer"] for f in lines} == {"collaboration"}
    assert len({f["id"] for f in features}) == len(features)  # ids are unique across layers
    dordrecht = next(f for f in lines if f["id"] == "collaboration/rtvdordrecht-2019-philadelphia-dordrecht")
    assert dordrecht["geometry"]["coordinates"] == [[4.67361, 51.81], [4.67361, 51.81]]
    assert dordrecht["properties"]["status"] == "unknown" and dordrecht["properties"]["start_date"] == "2019-03-20"
    assert dordrecht["properties"]["care_organisation"] == "Stichting Philadelphia"


def test_layers_on_the_command_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    out = tmp_path / "atlas.geojson"
    layers = ("--layers", "sites,collaborations")
    result = run_cli("export", "--format", "geojson", *layers, "--out", str(out), store=store)
    assert result.returncode == 0, result.stderr
    kinds = [f["properties"]["layer"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    assert (kinds.count("site"), kinds.count("collaboration")) == (14, 7)
    unknown = run_cli("export", "--format", "geojson", "--layers", "rivers", store=store)
    assert unknown.returncode == 2 and "onbekende laag rivers" in unknown.stderr and "unknown layer" in unknown.stderr
    wrong_format = run_cli("export", "--format", "ttl", "--layers", "sites", store=store)
    assert wrong_format.returncode == 2 and "--layers" in wrong_format.stderr
    assert "Traceback" not in unknown.stderr + wrong_format.stderr
