"""PRACTICE DATA for the course "Crane data analysis": a generated, never a real, count series.

Autumn counts of Hooded Crane (*Grus monacha*) and White-naped Crane (*Antigone vipio*) at
twelve fictional wetland sites over ten seasons (2016-2025), one synchronised count a season,
made up by the generator below from a fixed seed. The sites, teams, coordinates and every number
are invented for exercises; they resemble the kind of table a crane survey of steppe lakes and
river floodplains produces, and must never be quoted as counts of real birds.

How the numbers are made (so that an instructor can explain what learners find):

- each species has a regional total that changes by a fixed rate a season (Hooded Crane up,
  White-naped Crane down, ``SPECIES``), shared out over its sites by fixed weights, with
  log-normal noise per site and season;
- a season's breeding success sets the share of juveniles; part of every flock is too far or
  too dark to age (``unaged``); a sample of families is recorded as families with one or with two
  juveniles;
- flocks of more than ``ESTIMATE_ABOVE`` birds are estimates (block counts) rounded to tens;
- at feeding sites some birds arrive from a roost that was already counted that morning:
  ``already_counted`` holds how many (the double count to remove);
- a few visits did not happen (``MISSED_VISITS``): those rows are kept with empty counts.

``generate_clean()`` is the table after checking; ``generate_raw()`` is the same table as it was
typed from the field sheets, with the typical entry errors of ``RAW_ERRORS`` kept in for the
cleaning module. Both are deterministic: the only randomness is ``random.Random(SEED)`` drawn in
a fixed order, and the files are written byte for byte the same every time.

This module turns plain data into bytes and does not touch the database, except
``ensure_documents()``, which files the two downloads in the Wagtail document library.
"""

from __future__ import annotations

import datetime
import io
import math
import random
import zipfile
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

SEED = 20250706  # the first day of the Khurkh workshop
SEASONS = list(range(2016, 2026))
PRACTICE_LABEL = "PRACTICE DATA - generated for training, not real counts"
ESTIMATE_ABOVE = 400
COLLECTION_NAME = "Course downloads"
DOCUMENT_TITLES = {
    "csv": "Practice data: crane counts (CSV)",
    "xlsx": "Practice data: crane counts (XLSX)",
}
FILENAMES = {"csv": "practice-crane-counts.csv", "xlsx": "practice-crane-counts.xlsx"}

HOODED = "Hooded Crane"
WHITE_NAPED = "White-naped Crane"
# Species: (first-season regional total, change per season, sites and their weights).
SPECIES = {
    HOODED: (
        1850,
        0.045,
        {"S01": 6, "S02": 3, "S03": 9, "S04": 2, "S06": 5, "S07": 4, "S09": 3, "S11": 1},
    ),
    WHITE_NAPED: (
        760,
        -0.035,
        {"S01": 2, "S02": 4, "S04": 5, "S05": 6, "S06": 1, "S08": 3, "S10": 4, "S12": 2},
    ),
}
# Code, name, method, team, start time, practice latitude and longitude (fictional sites).
SITES = [
    ("S01", "Reed Lake North", "roost", "T1", "06:40", 48.42, 110.21),
    ("S02", "Reed Lake South", "roost", "T1", "06:40", 48.37, 110.24),
    ("S03", "Twin Lakes", "roost", "T2", "06:35", 48.31, 110.48),
    ("S04", "Birch Creek Mouth", "roost", "T3", "06:45", 48.22, 110.62),
    ("S05", "Sedge Meadow East", "feeding", "T3", "08:30", 48.19, 110.71),
    ("S06", "Dyke Fields", "feeding", "T2", "08:15", 48.28, 110.55),
    ("S07", "Poplar Island", "roost", "T4", "06:30", 48.47, 110.83),
    ("S08", "Salt Pan", "roost", "T5", "06:50", 48.09, 110.37),
    ("S09", "Hay Meadows", "feeding", "T4", "08:20", 48.44, 110.91),
    ("S10", "Old Channel", "roost", "T6", "06:45", 48.13, 110.95),
    ("S11", "Stone Ford", "feeding", "T5", "08:40", 48.05, 110.45),
    ("S12", "Upper Marsh", "roost", "T6", "06:40", 48.02, 111.08),
]
# Feeding site: the roost its birds come from (their arrivals after the roost count are
# noted as already counted).
FEEDS_FROM = {"S05": "S04", "S06": "S03", "S09": "S07", "S11": "S08"}
# (season, site): why the visit did not happen.
MISSED_VISITS = {
    (2018, "S11"): "not counted: track flooded",
    (2020, "S09"): "not counted: no team available",
    (2020, "S12"): "not counted: no team available",
    (2023, "S08"): "not counted: fog over the whole site",
}
RAW_ERRORS = [
    "team T4 writes dates as DD.MM.YYYY",
    "team T5 writes the species as HC and WNC",
    "site codes typed in lower case or with a trailing space",
    "estimates typed with 'c.' before the number",
    "totals that do not equal adults + juveniles + unaged",
    "adults and juveniles swapped in one row",
    "a row typed twice",
    "a year typed wrongly in one date",
    "missed visits typed as 0 instead of left empty",
]

CLEAN_COLUMNS = [
    "record_id",
    "season",
    "date",
    "site_code",
    "site_name",
    "latitude",
    "longitude",
    "species",
    "method",
    "team",
    "start_time",
    "count_type",
    "adults",
    "juveniles",
    "unaged",
    "total",
    "families_1_juv",
    "families_2_juv",
    "already_counted",
    "notes",
]
COUNT_COLUMNS = [
    "adults",
    "juveniles",
    "unaged",
    "total",
    "families_1_juv",
    "families_2_juv",
    "already_counted",
]
ABOUT = [
    ("Data set", "Autumn crane counts, twelve sites, 2016-2025"),
    ("Status", PRACTICE_LABEL),
    (
        "Use",
        "Made up by a program with a fixed seed for the Flyway Academy course 'Crane data "
        "analysis'. The sites, teams and numbers are invented. Do not cite them as counts of "
        "real cranes.",
    ),
    ("Species", "Hooded Crane (Grus monacha), White-naped Crane (Antigone vipio)"),
    ("Sheets", "raw: as typed from the field sheets, with typical errors; clean: after checking"),
    ("record_id", "Number of the record in the clean table"),
    ("season", "Autumn season (year of the synchronised count)"),
    ("date", "Date of the synchronised count (YYYY-MM-DD)"),
    ("site_code / site_name", "Count site; latitude and longitude are practice coordinates"),
    ("method", "roost = departure count at a roost; feeding = count at a feeding site"),
    ("team / start_time", "Observer team and the time the count started (local time)"),
    ("count_type", f"count, or estimate (block count of a flock over {ESTIMATE_ABOVE} birds)"),
    ("adults / juveniles", "Birds aged as adults or as first-autumn juveniles"),
    ("unaged", "Birds counted but not aged (too far, poor light)"),
    ("total", "adults + juveniles + unaged"),
    ("families_1_juv / families_2_juv", "Family groups recorded with one / two juveniles"),
    (
        "already_counted",
        "Birds seen arriving from a roost after that roost had been counted (double count)",
    ),
    ("notes", "Empty counts: the visit did not happen (see the note)"),
]


def _count_date(season: int) -> datetime.date:
    """The synchronised count: the last Saturday of September of the season."""
    day = datetime.date(season, 9, 30)
    return day - datetime.timedelta(days=(day.weekday() - 5) % 7)


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw built on ``rng.random()`` only (stable across Python versions)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(mean + math.sqrt(mean) * rng.gauss(0, 1)))
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _site_rows() -> list[dict]:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible practice series, not a secret
    breeding = {season: 0.07 + 0.11 * rng.random() for season in SEASONS}
    two_juv_share = {season: 0.15 + 0.2 * rng.random() for season in SEASONS}
    sites = {
        code: (name, method, team, time, lat, lon)
        for code, name, method, team, time, lat, lon in SITES
    }
    rows = []
    for season in SEASONS:
        date = _count_date(season)
        counted: dict[tuple[str, str], int] = {}
        for code, (name, method, team, time, lat, lon) in sites.items():
            for species, (start, rate, weights) in SPECIES.items():
                if code not in weights:
                    continue
                regional = start * (1 + rate) ** (season - SEASONS[0])
                share = weights[code] / sum(weights.values())
                noise = math.exp(rng.gauss(0, 0.22))
                row = {
                    "season": season,
                    "date": date.isoformat(),
                    "site_code": code,
                    "site_name": name,
                    "latitude": lat,
                    "longitude": lon,
                    "species": species,
                    "method": method,
                    "team": team,
                    "start_time": time,
                    "notes": "",
                }
                if (season, code) in MISSED_VISITS:
                    row.update(dict.fromkeys(COUNT_COLUMNS))
                    row["count_type"] = ""
                    row["notes"] = MISSED_VISITS[season, code]
                    rows.append(row)
                    continue
                total = _poisson(rng, regional * share * noise)
                unaged_share = (0.25 if method == "feeding" else 0.1) * rng.random()
                if total > ESTIMATE_ABOVE:
                    total = round(total, -1)
                    unaged_share += 0.25
                unaged = round(total * unaged_share)
                aged = total - unaged
                juveniles = min(aged, _poisson(rng, aged * breeding[season]))
                families = juveniles / (1 + two_juv_share[season])
                recorded = 0.5 + 0.4 * rng.random()
                families_2 = round(families * two_juv_share[season] * recorded)
                families_1 = max(
                    0, min(round(families * recorded) - families_2, juveniles - 2 * families_2)
                )
                already = 0
                if code in FEEDS_FROM and (FEEDS_FROM[code], species) in counted:
                    already = min(
                        round(total * (0.1 + 0.3 * rng.random())),
                        counted[FEEDS_FROM[code], species],
                    )
                counted[code, species] = total
                row.update(
                    {
                        "count_type": "estimate" if total > ESTIMATE_ABOVE else "count",
                        "adults": aged - juveniles,
                        "juveniles": juveniles,
                        "unaged": unaged,
                        "total": total,
                        "families_1_juv": families_1,
                        "families_2_juv": families_2,
                        "already_counted": already,
                    }
                )
                rows.append(row)
    return rows


def generate_clean() -> pd.DataFrame:
    """The checked table: one row per season, site and species; counts are nullable integers.

    Rows of missed visits have empty counts and a note. Returns a new DataFrame every call.
    """
    frame = pd.DataFrame(_site_rows())
    frame.insert(0, "record_id", range(1, len(frame) + 1))
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    return frame[CLEAN_COLUMNS]


def _as_text(value) -> str:
    return "" if value is None or value is pd.NA else str(value)


def generate_raw() -> pd.DataFrame:
    """The same counts as typed from the field sheets, every cell text, with ``RAW_ERRORS`` in.

    The raw table has no record_id (the field sheets have none) and one row more than the
    clean table (a row typed twice). Returns a new DataFrame every call.
    """
    clean = generate_clean()
    rng = random.Random(SEED + 1)  # noqa: S311 - see _site_rows
    rows = []
    for record in clean.to_dict("records"):
        row = {
            column: _as_text(record[column]) for column in CLEAN_COLUMNS if column != "record_id"
        }
        if row["team"] == "T4":
            row["date"] = datetime.date.fromisoformat(row["date"]).strftime("%d.%m.%Y")
        if row["team"] == "T5":
            row["species"] = {HOODED: "HC", WHITE_NAPED: "WNC"}[row["species"]]
        if row["count_type"] == "estimate" and rng.random() < 0.5:
            row["total"] = f"c. {row['total']}"
        if row["notes"] and record["season"] in (2020,):
            row.update(dict.fromkeys(COUNT_COLUMNS, "0"))
        rows.append(row)

    def pick(condition) -> list[int]:
        return [n for n, row in enumerate(rows) if condition(row)]

    # Site codes mistyped: three rows, chosen by the seed.
    for typo, n in enumerate(rng.sample(pick(lambda r: not r["notes"]), 3)):
        code = rows[n]["site_code"]
        rows[n]["site_code"] = code.lower() if typo == 0 else code + " "
    # Totals that do not add up: digits swapped in two counted rows.
    for n in rng.sample(pick(lambda r: r["count_type"] == "count" and int(r["total"]) > 20), 2):
        total = rows[n]["total"]
        rows[n]["total"] = total[1] + total[0] + total[2:]
        if rows[n]["total"] == total:
            rows[n]["total"] = str(int(total) + 10)
    # Adults and juveniles swapped in one row.
    n = rng.choice(pick(lambda r: r["juveniles"] not in ("", "0") and int(r["adults"]) > 10))
    rows[n]["adults"], rows[n]["juveniles"] = rows[n]["juveniles"], rows[n]["adults"]
    # A year typed wrongly (two digits swapped, or one less when they are the same).
    n = rng.choice(pick(lambda r: r["team"] in ("T1", "T2") and not r["notes"]))
    year = rows[n]["date"][:4]
    typo = year[:2] + year[3] + year[2] if year[2] != year[3] else str(int(year) - 1)
    rows[n]["date"] = typo + rows[n]["date"][4:]
    # A row typed twice, the copy right after the original.
    n = rng.choice(pick(lambda r: not r["notes"] and r["team"] == "T3"))
    rows.insert(n + 1, dict(rows[n]))
    return pd.DataFrame(rows, columns=[c for c in CLEAN_COLUMNS if c != "record_id"], dtype=str)


def write_csv(fileobj: BinaryIO, which: str = "clean") -> None:
    """Write the clean (or ``which="raw"``) table as UTF-8 CSV, after two comment lines.

    The first lines start with ``#`` and carry the practice label; read the file back with
    ``pandas.read_csv(f, comment="#")``. Raises ``ValueError`` for another ``which``.
    """
    if which not in ("clean", "raw"):
        raise ValueError(f"which must be 'clean' or 'raw', not {which!r}")
    frame = generate_clean() if which == "clean" else generate_raw()
    header = (
        f"# {PRACTICE_LABEL}\n"
        f"# Crane counts, {which} table, seed {SEED}. Invented sites and numbers for the "
        "Flyway Academy course 'Crane data analysis'; do not cite as real counts.\n"
    )
    body = frame.to_csv(index=False, lineterminator="\n")
    fileobj.write((header + body).encode("utf-8"))


def _about_rows() -> list[tuple[str, str]]:
    return [
        *ABOUT,
        ("Seed", str(SEED)),
        ("Typical errors kept in the raw sheet", "; ".join(RAW_ERRORS)),
    ]


class _FixedTimeZipFile(zipfile.ZipFile):
    """A zip whose members all carry one fixed date, so that the same workbook is the same bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=(2025, 7, 6, 0, 0, 0))
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, whose time would leak in.
        with open(filename, "rb") as source:
            self.writestr(arcname or str(filename), source.read(), compress_type, compresslevel)


def write_xlsx(fileobj: BinaryIO) -> None:
    """Write the workbook (sheets ``about``, ``raw``, ``clean``), the same bytes every time."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    about = workbook.active
    about.title = "about"
    about.append(["PRACTICE DATA", PRACTICE_LABEL])
    about["A1"].font = about["B1"].font = Font(bold=True, color="B00020")
    for row in _about_rows():
        about.append(list(row))
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 100
    for title, frame in (("raw", generate_raw()), ("clean", generate_clean())):
        sheet = workbook.create_sheet(title)
        sheet.append(list(frame.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for record in frame.itertuples(index=False):
            sheet.append([None if value is pd.NA else value for value in record])
        sheet.freeze_panes = "A2"
    moment = datetime.datetime(2025, 7, 6)
    workbook.properties.creator = "Flyway Academy (practice data generator)"
    workbook.properties.title = PRACTICE_LABEL
    workbook.properties.created = workbook.properties.modified = moment
    buffer = io.BytesIO()
    with _FixedTimeZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    fileobj.write(buffer.getvalue())


def file_bytes(kind: str) -> bytes:
    """The bytes of the download ``kind`` ("csv" for the clean table, or "xlsx")."""
    buffer = io.BytesIO()
    if kind == "csv":
        write_csv(buffer)
    elif kind == "xlsx":
        write_xlsx(buffer)
    else:
        raise ValueError(f"kind must be 'csv' or 'xlsx', not {kind!r}")
    return buffer.getvalue()


# The figures the quizzes ask for, computed from the clean table.


def season_total(clean: pd.DataFrame, *, species: str, season: int) -> int:
    """Birds of a species on a season's synchronised count, double counts removed."""
    rows = clean[(clean["species"] == species) & (clean["season"] == season)]
    return int(rows["total"].sum() - rows["already_counted"].sum())


def juvenile_ratio(
    clean: pd.DataFrame, *, species: str, season: int, site: str | None = None
) -> float:
    """Juveniles as a percentage of aged birds (adults + juveniles), unaged birds left out."""
    rows = clean[(clean["species"] == species) & (clean["season"] == season)]
    if site is not None:
        rows = rows[rows["site_code"] == site]
    juveniles = rows["juveniles"].sum()
    return round(100 * float(juveniles / (juveniles + rows["adults"].sum())), 2)


def mean_brood_size(clean: pd.DataFrame, *, species: str, season: int) -> float:
    """Juveniles per recorded family group with young."""
    rows = clean[(clean["species"] == species) & (clean["season"] == season)]
    ones, twos = rows["families_1_juv"].sum(), rows["families_2_juv"].sum()
    return round(float((ones + 2 * twos) / (ones + twos)), 2)


def core_sites(clean: pd.DataFrame, *, species: str) -> list[str]:
    """Sites of a species counted in every season (the set a trend is computed on)."""
    rows = clean[clean["species"] == species]
    counted = rows[rows["total"].notna()].groupby("site_code")["season"].nunique()
    return sorted(counted[counted == len(SEASONS)].index)


def core_totals(clean: pd.DataFrame, *, species: str) -> pd.Series:
    """Season totals of a species at its core sites, double counts removed."""
    rows = clean[
        (clean["species"] == species) & clean["site_code"].isin(core_sites(clean, species=species))
    ]
    net = rows["total"] - rows["already_counted"]
    return net.groupby(rows["season"]).sum().astype(int)


def loglinear_rate(clean: pd.DataFrame, *, species: str) -> float:
    """Annual change in percent of the least-squares line through ln(core total) on season."""
    totals = core_totals(clean, species=species)
    seasons = totals.index.to_numpy(dtype=float)
    logs = [math.log(value) for value in totals]
    mean_x, mean_y = sum(seasons) / len(seasons), sum(logs) / len(logs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(seasons, logs, strict=True)) / sum(
        (x - mean_x) ** 2 for x in seasons
    )
    return round(100 * (math.exp(slope) - 1), 2)


def index_value(clean: pd.DataFrame, *, species: str, season: int) -> float:
    """The core total of a season as an index, first season = 100."""
    totals = core_totals(clean, species=species)
    return round(100 * float(totals[season] / totals[SEASONS[0]]), 2)


def quiz_answers() -> dict[str, float]:
    """Every figure the data-analysis quizzes ask for, by key (see assessments.demo_questions)."""
    clean = generate_clean()
    raw = generate_raw()
    return {
        "raw_rows": len(raw),
        "s03_hooded_2019": int(
            clean[(clean.site_code == "S03") & (clean.season == 2019) & (clean.species == HOODED)][
                "total"
            ].iloc[0]
        ),
        "hooded_total_2021": season_total(clean, species=HOODED, season=2021),
        "white_naped_total_2017": season_total(clean, species=WHITE_NAPED, season=2017),
        "white_naped_ratio_s05_2023": juvenile_ratio(
            clean, species=WHITE_NAPED, season=2023, site="S05"
        ),
        "hooded_ratio_2019": juvenile_ratio(clean, species=HOODED, season=2019),
        "hooded_brood_2024": mean_brood_size(clean, species=HOODED, season=2024),
        "hooded_trend": loglinear_rate(clean, species=HOODED),
        "white_naped_index_2025": index_value(clean, species=WHITE_NAPED, season=2025),
    }


def ensure_documents() -> dict[str, AbstractDocument]:
    """File the CSV and the XLSX in the "Course downloads" collection; idempotent.

    Creates each document under its ``DOCUMENT_TITLES`` title, or replaces its file when the
    generated bytes differ (same hash: nothing is written). Returns {"csv": doc, "xlsx": doc}.
    """
    from django.core.files.base import ContentFile
    from django.db import transaction
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    Document = get_document_model()
    with transaction.atomic():
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=COLLECTION_NAME).first()
        if collection is None:
            collection = root.add_child(name=COLLECTION_NAME)
        documents = {}
        for kind, title in DOCUMENT_TITLES.items():
            data = file_bytes(kind)
            document = Document.objects.filter(title=title).order_by("pk").first()
            if document is None:
                document = Document(title=title, collection=collection)
            elif document.get_file_hash() == _sha1(data):
                documents[kind] = document
                continue
            else:
                document.file.delete(save=False)
            document.file = ContentFile(data, name=FILENAMES[kind])
            document._set_document_file_metadata()
            document.save()
            documents[kind] = document
    return documents


def _sha1(data: bytes) -> str:
    import hashlib

    return hashlib.sha1(data, usedforsecurity=False).hexdigest()
