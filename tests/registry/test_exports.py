import io
import json
import zipfile

from openpyxl import load_workbook

from portal.registry import exports

HEADERS = ["email", "organisation"]
ROWS = [["a@example.org", '=HYPERLINK("http://evil")'], ["b@example.org", "王小明 Institute"]]


def test_csv_has_bom_and_neutralised_formulas():
    data = exports.csv_bytes(HEADERS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "王小明 Institute" in text


def test_xlsx_cells_are_text_never_formulas():
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes(HEADERS, ROWS))).active
    cell = sheet["B2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://evil")'
    assert sheet["B3"].value == "王小明 Institute"


def test_personal_data_zip_holds_json_and_csvs():
    data = {
        "profile": {"email": "a@example.org", "links": ["https://x.org"]},
        "consents": [{"purpose": "data_processing", "policy_version": "2025-01"}],
        "history": [],
    }
    archive = zipfile.ZipFile(io.BytesIO(exports.personal_data_zip(data)))
    assert set(archive.namelist()) == {"personal-data.json", "profile.csv", "consents.csv"}
    assert json.loads(archive.read("personal-data.json"))["profile"]["email"] == "a@example.org"
    assert "data_processing" in archive.read("consents.csv").decode("utf-8-sig")
