"""The practice data set of the data-analysis course, read back from its files.

Every figure the data-analysis quizzes ask for is recomputed here from the downloaded bytes
(CSV and XLSX, read with pandas) by code of its own, and compared with the answer the quiz
data carries; the files must be the same bytes every time and say they are practice data.
"""

from __future__ import annotations

import io
import struct
import zipfile

import numpy as np
import pandas as pd
import pytest

from assessments.demo_questions import QUIZZES
from courses import practice_data

HOODED, WHITE_NAPED = "Hooded Crane", "White-naped Crane"


@pytest.fixture(scope="module")
def csv_bytes() -> bytes:
    return practice_data.file_bytes("csv")


@pytest.fixture(scope="module")
def xlsx_bytes() -> bytes:
    return practice_data.file_bytes("xlsx")


@pytest.fixture(scope="module")
def clean(csv_bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(csv_bytes), comment="#")


def _answers(key: str) -> list:
    """The numeric answers of one quiz, in order."""
    return [q["answer"] for q in QUIZZES[key]["questions"] if q["type"] == "numeric"]


def _net_core_totals(clean: pd.DataFrame, species: str) -> pd.Series:
    rows = clean[clean["species"] == species]
    visited = rows.dropna(subset=["total"])
    seasons_per_site = visited.groupby("site_code")["season"].nunique()
    core = seasons_per_site[seasons_per_site == rows["season"].nunique()].index
    rows = visited[visited["site_code"].isin(core)]
    return (rows["total"] - rows["already_counted"]).groupby(rows["season"]).sum()


def test_files_are_the_same_bytes_every_time(csv_bytes, xlsx_bytes):
    assert practice_data.file_bytes("csv") == csv_bytes
    assert practice_data.file_bytes("xlsx") == xlsx_bytes
    raw_once, raw_again = io.BytesIO(), io.BytesIO()
    practice_data.write_csv(raw_once, which="raw")
    practice_data.write_csv(raw_again, which="raw")
    assert raw_once.getvalue() == raw_again.getvalue() != csv_bytes
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as archive:
        members = archive.infolist()
        core = archive.read("docProps/core.xml").decode()
    # No clock inside: the central directory and every member's own header carry one date.
    assert {info.date_time for info in members} == {(2025, 7, 6, 0, 0, 0)}
    local_times = {
        struct.unpack_from("<HH", xlsx_bytes, info.header_offset + 10) for info in members
    }
    assert local_times == {struct.unpack_from("<HH", xlsx_bytes, members[0].header_offset + 10)}
    assert "2025-07-06T00:00:00Z" in core


def test_every_file_and_sheet_says_practice_data(csv_bytes, xlsx_bytes):
    first_line = csv_bytes.decode().splitlines()[0]
    assert first_line.startswith("# PRACTICE DATA") and "not real counts" in first_line
    sheets = pd.read_excel(io.BytesIO(xlsx_bytes), engine="openpyxl", sheet_name=None, header=None)
    assert list(sheets) == ["about", "raw", "clean"]
    about = sheets["about"]
    assert about.iloc[0, 0] == "PRACTICE DATA"
    assert "not real counts" in about.iloc[0, 1]
    assert about[0].str.contains("Typical errors").any()


def test_the_clean_table_is_consistent(clean, xlsx_bytes):
    assert len(clean) == 160
    assert set(clean["species"]) == {HOODED, WHITE_NAPED}
    assert clean["site_code"].nunique() == 12 and clean["season"].nunique() == 10
    assert not clean.duplicated(["site_code", "date", "species"]).any()
    assert (pd.to_datetime(clean["date"]).dt.year == clean["season"]).all()
    counted = clean.dropna(subset=["total"])
    assert (counted["adults"] + counted["juveniles"] + counted["unaged"] == counted["total"]).all()
    assert (counted["already_counted"] <= counted["total"]).all()
    assert (counted.loc[counted["method"] == "roost", "already_counted"] == 0).all()
    assert (counted["families_1_juv"] + 2 * counted["families_2_juv"] <= counted["juveniles"]).all()
    estimates = counted[counted["count_type"] == "estimate"]
    assert len(estimates) and (estimates["total"] % 10 == 0).all()
    missed = clean[clean["total"].isna()]
    assert len(missed) >= 4 and missed["notes"].str.startswith("not counted").all()
    # The workbook's clean sheet holds the same table as the CSV.
    sheet = pd.read_excel(io.BytesIO(xlsx_bytes), engine="openpyxl", sheet_name="clean")
    pd.testing.assert_frame_equal(
        sheet.fillna({"notes": "", "count_type": ""}),
        clean.fillna({"notes": "", "count_type": ""}),
        check_dtype=False,
    )


def test_the_raw_sheet_keeps_the_typical_errors(xlsx_bytes, clean):
    raw = pd.read_excel(
        io.BytesIO(xlsx_bytes), engine="openpyxl", sheet_name="raw", dtype=str
    ).fillna("")
    assert len(raw) == len(clean) + 1
    assert raw.duplicated().sum() == 1
    assert raw["date"].str.match(r"\d\d\.\d\d\.\d{4}$").any()
    years = raw["date"].str.extract(r"(\d{4})", expand=False)
    assert (years != raw["season"]).sum() == 1
    assert set(raw["species"]) >= {"HC", "WNC", HOODED, WHITE_NAPED}
    assert (raw["site_code"] != raw["site_code"].str.strip().str.upper()).sum() == 3
    assert raw["total"].str.startswith("c. ").any()
    zero_missed = raw[raw["notes"].str.startswith("not counted") & (raw["total"] == "0")]
    assert len(zero_missed) >= 1
    numbers = raw[~raw["total"].str.startswith("c. ") & (raw["total"] != "")]
    parts = numbers[["adults", "juveniles", "unaged"]].astype(int).sum(axis=1)
    assert (parts != numbers["total"].astype(int)).sum() == 2


def test_final_quiz_answers_recomputed_from_the_csv(clean):
    def rows(species, season):
        return clean[(clean["species"] == species) & (clean["season"] == season)]

    hooded_2021 = rows(HOODED, 2021)
    total = hooded_2021["total"].sum() - hooded_2021["already_counted"].sum()
    s05 = rows(WHITE_NAPED, 2023).query("site_code == 'S05'")
    ratio = 100 * s05["juveniles"].sum() / (s05["juveniles"].sum() + s05["adults"].sum())
    families = rows(HOODED, 2024)[["families_1_juv", "families_2_juv"]].sum()
    brood = (families.iloc[0] + 2 * families.iloc[1]) / families.sum()
    hooded = _net_core_totals(clean, HOODED)
    slope = np.polyfit(hooded.index.to_numpy(), np.log(hooded.to_numpy()), 1)[0]
    white_naped = _net_core_totals(clean, WHITE_NAPED)
    index_2025 = 100 * white_naped[2025] / white_naped[2016]

    expected = [total, ratio, brood, 100 * (np.exp(slope) - 1), index_2025]
    assert _answers("crane-data-analysis") == pytest.approx(expected, abs=0.006)


def test_pre_test_answers_recomputed_from_the_files(clean, xlsx_bytes):
    raw = pd.read_excel(io.BytesIO(xlsx_bytes), engine="openpyxl", sheet_name="raw")
    white_naped = clean[(clean["species"] == WHITE_NAPED) & (clean["season"] == 2017)]
    hooded = clean[(clean["species"] == HOODED) & (clean["season"] == 2019)]
    expected = [
        len(raw),
        white_naped["total"].sum() - white_naped["already_counted"].sum(),
        100 * hooded["juveniles"].sum() / (hooded["juveniles"].sum() + hooded["adults"].sum()),
    ]
    assert _answers("crane-data-analysis:pre") == pytest.approx(expected, abs=0.006)


def test_write_csv_refuses_an_unknown_table():
    with pytest.raises(ValueError, match="clean"):
        practice_data.write_csv(io.BytesIO(), which="tidy")


@pytest.mark.django_db
def test_documents_are_filed_once_in_course_downloads_and_served(client, csv_bytes, xlsx_bytes):
    from wagtail.documents import get_document_model

    first = practice_data.ensure_documents()
    again = practice_data.ensure_documents()
    assert {k: d.pk for k, d in first.items()} == {k: d.pk for k, d in again.items()}
    documents = get_document_model().objects.filter(
        title__in=practice_data.DOCUMENT_TITLES.values()
    )
    assert documents.count() == 2
    assert {d.collection.name for d in documents} == {"Course downloads"}
    for kind, data in (("csv", csv_bytes), ("xlsx", xlsx_bytes)):
        response = client.get(again[kind].url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == data


@pytest.mark.django_db
def test_a_changed_file_is_replaced_in_the_same_document(monkeypatch):
    first = practice_data.ensure_documents()["csv"]
    original = practice_data.file_bytes

    def changed(kind):
        return original(kind) + (b"# one more line\n" if kind == "csv" else b"")

    monkeypatch.setattr(practice_data, "file_bytes", changed)
    again = practice_data.ensure_documents()["csv"]
    assert again.pk == first.pk
    with again.open_file() as handle:
        assert handle.read().endswith(b"# one more line\n")
