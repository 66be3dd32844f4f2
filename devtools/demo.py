"""Generated demo data at national scale, clearly marked as such, on real municipalities.

Scale 1 gives about 140 library organisations with 800 sites, 165 care organisations with 5,000 sites and
3,000 collaborations; every number grows linearly with the scale. Two network organisations (the sector
associations of libraries and of care providers) have most organisations as members. Every name ends in
"(demo)", every id starts with ``demo-`` and e-mail addresses use ``example.org``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

from graph.intake.cells import csv_rows_text
from graph.intake.reference_files import ReferenceError, reference_files
from graph.intake.reference_files import locator as reference_locator
from graph.intake.template import TABLE_COLUMNS
from graph.model.geo import MunicipalityLocator

ACTIVITY_CODES = (
    "werk",
    "ontmoeting",
    "boeken-terugzetten",
    "retouren-sorteren",
    "boeken-repareren",
    "balie",
    "koffiecorner",
    "activiteiten-voorbereiden",
    "dagbesteding",
    "voorlezen",
    "activiteiten-meedoen",
    "inloop",
)
CARE_NAMES = ("Zorggroep", "Stichting", "De Hoeve", "Werkcentrum", "Dagbesteding", "Zorgcoöperatie")
# Two sector associations, like VOB and VGN in the real data; most organisations are a member of theirs.
NETWORKS = {
    "library": ("demo-network-libraries", "Vereniging van bibliotheken (demo)"),
    "care": ("demo-network-care", "Vereniging van zorgaanbieders (demo)"),
}


class DemoError(ValueError):
    pass


def _municipalities(reference: Path | None) -> list[dict[str, object]]:
    try:
        files = reference_files(reference) if reference is not None else None
    except ReferenceError:
        files = None
    if files is None:
        raise DemoError(
            "demo-gegevens hebben referentiegegevens nodig (demo data needs reference data): --reference DIR"
        )
    with open(files.table, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "code": row["gemeentecode"],
            "name": row["gemeentenaam"],
            "population": int(float(row["bevolking"] or 0)),
            "lat": float(row["inside_lat"]),
            "lon": float(row["inside_lon"]),
        }
        for row in rows
    ]


def _points(
    rng: np.random.Generator, towns: list[dict[str, object]], count: int, locator: MunicipalityLocator
) -> list[tuple[dict[str, object], float, float, bool]]:
    """``count`` points, spread over municipalities by population, each within its own municipality."""
    weights = np.array([float(str(t["population"])) for t in towns]) ** 0.8
    chosen = rng.choice(len(towns), size=count, p=weights / weights.sum())
    points = []
    for index in chosen:
        town = towns[int(index)]
        located = False
        for _ in range(20):
            lat = round(float(str(town["lat"])) + rng.normal(0, 0.012), 5)
            lon = round(float(str(town["lon"])) + rng.normal(0, 0.018), 5)
            found = locator.locate(lat, lon)
            if found is not None and found.code == town["code"]:
                located = True
                break
        else:
            lat, lon = float(str(town["lat"])), float(str(town["lon"]))
            found = locator.locate(lat, lon)
            located = found is not None and found.code == town["code"]
        points.append((town, lat, lon, located))
    return points


def _organisations(
    rng: np.random.Generator, points: list[tuple[dict[str, object], float, float, bool]], count: int
) -> list[tuple[int, np.ndarray]]:
    """``count`` organisations as (home site, member sites): homes drawn among the sites, each site belonging to
    its nearest home, so that an organisation's sites lie around its home town (an organisation named after
    Venlo has no sites on the coast)."""
    xy = np.array([(lat, lon * 0.62) for _, lat, lon, _ in points])  # about equal km per unit north and east
    homes = np.sort(rng.choice(len(points), size=min(count, len(points)), replace=False))
    _, nearest = cKDTree(xy[homes]).query(xy)
    order = np.argsort(nearest, kind="stable")
    groups = np.split(order, np.cumsum(np.bincount(nearest, minlength=len(homes)))[:-1])
    # A home on the very point of another has no sites of its own: it is left out.
    return [(int(home), members) for home, members in zip(homes, groups, strict=True) if len(members)]


def generate(scale: float, seed: int, reference: Path | None) -> dict[str, list[dict[str, str]]]:
    if not 0 < scale <= 100:
        raise DemoError("--scale moet tussen 0 en 100 liggen (scale must be between 0 and 100)")
    towns = _municipalities(reference)
    assert reference is not None
    locator = reference_locator(reference)
    rng = np.random.default_rng(seed)
    n_library_orgs, n_care_orgs = max(1, round(140 * scale)), max(1, round(165 * scale))
    n_library_sites, n_care_sites = max(1, round(800 * scale)), max(1, round(5000 * scale))
    n_collaborations = round(3000 * scale)
    organisations: list[dict[str, str]] = [
        {"id": network_id, "name": name, "kind": "network", "website": "", "member_of": ""}
        for network_id, name in NETWORKS.values()
    ]
    sites: list[dict[str, str]] = []
    kinds_of_site: dict[str, list[int]] = {"library": [], "care": []}
    coordinates: list[tuple[float, float]] = []
    # Grouping draws from a generator of its own, so the sites and collaborations are those of the seed as before.
    grouping = np.random.default_rng([seed, 1])
    for kind, n_orgs, n_sites in (("library", n_library_orgs, n_library_sites), ("care", n_care_orgs, n_care_sites)):
        points = _points(rng, towns, n_sites, locator)
        seen_names: dict[str, int] = {}
        for number, (home, members) in enumerate(_organisations(grouping, points, n_orgs), start=1):
            org_id = f"demo-{kind}-{number:05d}"
            home_town = str(points[home][0]["name"])
            if kind == "library":
                # Named after its home town; a second library there gets a number, so no two share a name.
                seen_names[home_town] = seen_names.get(home_town, 0) + 1
                count = seen_names[home_town]
                name = f"Bibliotheek {home_town} e.o.{f' {count}' if count > 1 else ''} (demo)"
            else:
                name = f"{CARE_NAMES[number % len(CARE_NAMES)]} {home_town} {number} (demo)"
            # Every tenth organisation is not a member, so that membership tells organisations apart.
            member_of = NETWORKS[kind][0] if number % 10 else ""
            organisations.append({"id": org_id, "name": name, "kind": kind, "website": "", "member_of": member_of})
            for site_number, member in enumerate(members, start=1):
                town, lat, lon, located = points[int(member)]
                kinds_of_site[kind].append(len(sites))
                coordinates.append((lat, lon))
                sites.append(
                    {
                        "id": f"{org_id}-s{site_number:03d}",
                        "organisation_id": org_id,
                        "name": f"{name.removesuffix(' (demo)')}, locatie {town['name']} {site_number} (demo)",
                        "town": str(town["name"]),
                        "lat": repr(lat),
                        "lon": repr(lon),
                        "municipality_code": str(town["code"]) if located else "",
                        "address": "",
                        "postcode": "",
                    }
                )
    collaborations = _collaborations(rng, sites, kinds_of_site, coordinates, n_collaborations)
    return {"organisations": organisations, "sites": sites, "collaborations": collaborations}


def _collaborations(
    rng: np.random.Generator,
    sites: list[dict[str, str]],
    kinds_of_site: dict[str, list[int]],
    coordinates: list[tuple[float, float]],
    count: int,
) -> list[dict[str, str]]:
    library_sites, care_sites = kinds_of_site["library"], kinds_of_site["care"]
    care_xy = np.array([coordinates[i] for i in care_sites])
    tree = cKDTree(care_xy * np.array([1.0, 0.62]))
    # Only part of the libraries take part, so that gaps remain for coordinators to fill.
    active_libraries = rng.choice(library_sites, size=max(1, int(len(library_sites) * 0.6)), replace=False)
    rows: list[dict[str, str]] = []
    seen: set[tuple[int, int]] = set()
    attempts = 0
    while len(rows) < count and attempts < count * 20:
        attempts += 1
        library = int(rng.choice(active_libraries))
        lat, lon = coordinates[library]
        _, nearest = tree.query([lat, lon * 0.62], k=min(8, len(care_sites)))
        care = care_sites[int(np.atleast_1d(nearest)[int(rng.integers(0, len(np.atleast_1d(nearest))))])]
        if (library, care) in seen:
            continue
        seen.add((library, care))
        number = len(rows) + 1
        status = str(rng.choice(["active", "exploring", "ended"], p=[0.7, 0.15, 0.15]))
        start = int(rng.integers(2010, 2027))  # drawn for every status, so later draws stay those of the seed
        end = str(min(2026, start + int(rng.integers(1, 6)))) if status == "ended" else ""
        activities = ";".join(sorted(rng.choice(ACTIVITY_CODES, size=int(rng.integers(1, 4)), replace=False)))
        public_contact = number % 7 == 0
        private_contact = number % 11 == 0 and not public_contact
        rows.append(
            {
                "id": f"demo-collab-{number:06d}",
                "library_site_id": sites[library]["id"],
                "care_site_id": sites[care]["id"],
                "activities": activities,
                "status": status,
                # An exploring collaboration has not started yet, as the form says: no start date.
                "start_date": "" if status == "exploring" else str(start),
                "end_date": end,
                "participants": str(int(rng.integers(2, 16))),
                "description": f"Voorbeeld {number}: deelnemers werken wekelijks mee in de bibliotheek (demo).",
                "contact_name": f"Demo Contact {number}" if public_contact or private_contact else "",
                "contact_role": "Coördinator (demo)" if public_contact or private_contact else "",
                "contact_email": f"contact{number}@example.org" if public_contact or private_contact else "",
                "contact_phone": "",
                "contact_public": "yes" if public_contact else ("no" if private_contact else ""),
                "source_url": "",
                "end_reason": "Financiering gestopt (demo)" if status == "ended" else "",
            }
        )
    return rows


def write_demo(out: Path, scale: float, seed: int, reference: Path | None) -> dict[str, int]:
    tables = generate(scale, seed, reference)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (out / f"{name}.csv").write_text(csv_rows_text(TABLE_COLUMNS[name], rows), encoding="utf-8", newline="")
    (out / "README.md").write_text(
        "# Demo data (generated)\n\nGenerated by `python -m devtools demo`: not real organisations or collaborations.\n"
        "Municipalities and their populations are real (CBS/PDOK reference data).\n",
        encoding="utf-8",
    )
    return {name: len(rows) for name, rows in tables.items()}
