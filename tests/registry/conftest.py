import io

import pytest
from openpyxl import Workbook

from tests.registry.factories import ParticipantFactory


def csv_file(tmp_path, text: str, name: str = "list.csv", bom: bool = False):
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_file(tmp_path, rows: list[list], name: str = "list.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows))
    return path


@pytest.fixture
def participant(learner):
    return ParticipantFactory(user=learner, email=learner.email)


@pytest.fixture
def cohort(db):
    from tests.courses.factories import CohortFactory, make_course

    course = make_course(modules=1)
    return CohortFactory(course=course, slug="khurkh-2025")
