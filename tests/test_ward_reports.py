"""Issue #15 part 1: a ward council's database prints no district wording. Every report the command
line makes (every ``report`` kind) is rendered from the 2018 sample turned into Phường Gò Vấp's
council, read back with pypdf, and searched for "quận" in any case."""
import datetime as dt
import io
import shutil
import unicodedata

import pytest
from pypdf import PdfReader

from main import REPORT_KINDS
from models.common.codes import ListKind, TitleCode
from models.store.db import connect
from models.yearend.lists import Approval, approve
from models.yearend.review import campaign_review, draft_list, list_key
from models.yearend.title_lists import printable_list
from models.yearend.titles import list_key as title_key
from tests.cli_helpers import demo, run  # noqa: F401  (fixtures)
from tests.ward_data import to_ward

AS_OF = dt.date(2019, 1, 31)
NOW = dt.datetime(2019, 2, 5, 9, 0)
APPROVAL = Approval("16/QĐ-HĐTĐKT", dt.date(2019, 2, 5), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Phường",
                    ("Như trên;", "Lưu: VT."))  # issuer left empty: the council's own name

# (name, report kind, arguments): every kind of REPORT_KINDS at least once.
REPORTS = (
    ("initiatives", "initiatives", ("--campaign", "1")),
    ("classification-all", "classification", ("--year", "2018", "--quarter", "3")),
    ("classification-unit", "classification", ("--year", "2018", "--quarter", "3", "--unit", "P05")),
    ("criticism", "criticism", ("--campaign", "1", "--as-of", "31/01/2019")),
    ("commendation", "commendation", ("--campaign", "1", "--as-of", "31/01/2019")),
    ("titles", "titles", ("--year", "2018", "--as-of", "31/01/2019")),
    ("titles-cstdcs", "titles", ("--year", "2018", "--title", "CSTDCS", "--as-of", "31/01/2019")),
    ("proposal", "proposal", ("--year", "2018", "--as-of", "31/01/2019")),
    ("proposal-campaign", "proposal", ("--campaign", "1", "--as-of", "31/01/2019")),
    ("minutes", "minutes", ("--year", "2018", "--as-of", "31/01/2019")),
    ("decision", "decision", ("--year", "2018", "--title", "LDTT", "--as-of", "31/01/2019")),
    ("decision-campaign", "decision", ("--campaign", "1", "--as-of", "31/01/2019")),
    ("certificates", "certificates", ("--year", "2018", "--title", "LDTT", "--as-of", "31/01/2019")),
    ("statistics", "statistics", ("--year", "2018", "--from-year", "2016")),
    ("due", "due", ("--year", "2018")),
)
# The 2026 sample, a ward council from the start: every kind, both campaigns, every quarter of 2025.
REPORTS_2026 = (
    *((f"initiatives-{c}", "initiatives", ("--campaign", c)) for c in ("1", "2")),
    *((f"criticism-{c}", "criticism", ("--campaign", c, "--as-of", "15/01/2026")) for c in ("1", "2")),
    *((f"commendation-{c}", "commendation", ("--campaign", c, "--as-of", "15/01/2026")) for c in ("1", "2")),
    *((f"classification-q{q}", "classification", ("--year", "2025", "--quarter", q)) for q in "1234"),
    ("classification-unit", "classification", ("--year", "2025", "--quarter", "4", "--unit", "KP01")),
    ("titles", "titles", ("--year", "2025", "--as-of", "15/01/2026")),
    ("statistics", "statistics", ("--year", "2025", "--from-year", "2023")),
    ("statistics-history", "statistics", ("--year", "2025", "--from-year", "2020")),  # the award history 2020-2024
    ("statistics-one-year", "statistics", ("--year", "2025")),
    ("due", "due", ("--year", "2025")),
    ("due-2026", "due", ("--year", "2026")),
    ("proposal", "proposal", ("--year", "2025", "--as-of", "15/01/2026")),
    ("proposal-campaign", "proposal", ("--campaign", "1", "--as-of", "15/01/2026")),
    ("minutes", "minutes", ("--year", "2025", "--as-of", "15/01/2026")),
    ("decision", "decision", ("--year", "2025", "--title", "LDTT", "--as-of", "15/01/2026")),
    ("certificates", "certificates", ("--year", "2025", "--title", "LDTT", "--as-of", "15/01/2026")),
)
ATTACHED = ("criticism", "commendation", "titles", "titles-cstdcs")


def _approve_two_lists(path) -> None:
    """One campaign list and one title list approved: their reference line names the council."""
    db = connect(path)
    try:
        review = campaign_review(db, 1, AS_OF)
        approve(db, list_key(1, ListKind.CRITICISM), APPROVAL, draft_list(db, review, ListKind.CRITICISM), NOW)
        approve(db, title_key(2018, TitleCode.CSTDCS), APPROVAL, printable_list(db, 2018, TitleCode.CSTDCS, AS_OF), NOW)
    finally:
        db.close()


@pytest.fixture(scope="module")
def ward_pdfs(demo, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("ward")
    path = folder / "ward.sqlite3"
    shutil.copy(demo, path)
    to_ward(path)
    _approve_two_lists(path)
    return _texts(path, folder, REPORTS)


@pytest.fixture(scope="module")
def sample_2026_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample_2026")
    path = folder / "phuong.sqlite3"
    result = run("demo", "--db", path, "--sample", "2026")
    assert result.returncode == 0, result.stderr
    return _texts(path, folder, REPORTS_2026)


def _texts(path, folder, reports) -> dict[str, str]:
    """Every report of ``reports`` made by the command line from ``path``, as text (NFC)."""
    texts = {}
    for name, kind, arguments in reports:
        out = folder / f"{name}.pdf"
        result = run("report", kind, "--db", path, *arguments, "-o", out)
        assert result.returncode == 0, (name, result.stderr)
        reader = PdfReader(io.BytesIO(out.read_bytes()))
        texts[name] = unicodedata.normalize("NFC", " ".join(" ".join(p.extract_text().split()) for p in reader.pages))
    return texts


@pytest.mark.parametrize("reports", [REPORTS, REPORTS_2026])
def test_the_reports_cover_every_report_kind_of_the_command_line(reports):
    assert {kind for _, kind, _ in reports} == set(REPORT_KINDS)


def _no_district_word(text: str, attached: bool = False) -> None:
    assert "ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP" in text
    # A list attached to a decision or a Tờ trình has no place and date of its own (issue #16).
    assert ("kèm theo" in text.lower()) if attached else ("Gò Vấp, ngày" in text)
    assert "quận" not in text.lower(), text[max(0, text.lower().find("quận") - 80):text.lower().find("quận") + 80]


@pytest.mark.parametrize("name", [name for name, _, _ in REPORTS])
def test_a_ward_database_prints_no_district_word(ward_pdfs, name):
    _no_district_word(ward_pdfs[name], name in ATTACHED)


@pytest.mark.parametrize("name", [name for name, _, _ in REPORTS_2026])
def test_the_2026_sample_prints_no_district_word(sample_2026_pdfs, name):
    _no_district_word(sample_2026_pdfs[name], name.split("-")[0] in ATTACHED)


def test_a_ward_database_prints_the_ward_words_where_the_district_ones_stood(ward_pdfs):
    assert "Toàn phường" in ward_pdfs["classification-all"]
    assert "Các cơ quan, đơn vị, khu phố quý 3 năm 2018" in ward_pdfs["classification-all"]
    assert "UBND các phường" not in ward_pdfs["classification-all"]  # a district's units, not a ward's
    assert "- Thường trực Đảng ủy phường; - Thường trực HĐND phường;" in ward_pdfs["classification-all"]
    for name in ("criticism", "titles-cstdcs"):  # approved: the reference line names the council
        assert ("(Ban hành kèm theo Quyết định số 16/QĐ-HĐTĐKT ngày 05 tháng 02 năm 2019 của Hội đồng Thi đua - Khen "
                "thưởng phường Gò Vấp)") in ward_pdfs[name]


def test_the_2026_ward_decides_its_advanced_workers_and_proposes_the_rest_to_the_city(sample_2026_pdfs, tmp_path):
    """Luật 06/2022/QH15 Điều 80 khoản 3: the ward's chairman decides "Lao động tiên tiến"; Chiến sĩ thi
    đua cơ sở and the collective titles are proposed to the city's chairman, whose decision the council
    does not print."""
    decision = sample_2026_pdfs["decision"]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP" in decision
    assert "của Chủ tịch Ủy ban nhân dân phường Gò Vấp)" in decision  # the attached list's reference line
    proposal = sample_2026_pdfs["proposal"]
    assert ("Các danh hiệu “Chiến sĩ thi đua cơ sở”, “Tập thể lao động tiên tiến”, “Tập thể lao động xuất sắc” do "
            "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định tặng: kính đề nghị Chủ tịch Ủy ban nhân dân "
            "phường Gò Vấp trình cấp có thẩm quyền xem xét, quyết định.") in proposal
    assert ("(Hội đồng đề nghị; Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định tặng và chi tiền "
            "thưởng, danh sách này không ghi mức thưởng)") in proposal
    path = tmp_path / "phuong.sqlite3"
    assert run("demo", "--db", path, "--sample", "2026").returncode == 0
    for title in ("CSTDCS", "TTLDTT"):
        result = run("report", "decision", "--db", path, "--year", "2025", "--title", title, "-o", tmp_path / "q.pdf")
        assert result.returncode != 0 and "do Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh quyết định" in result.stderr
        result = run("report", "certificates", "--db", path, "--year", "2025", "--title", title,
                     "-o", tmp_path / "c.pdf")
        assert result.returncode != 0 and "giấy chứng nhận do cấp quyết định in" in result.stderr


def test_the_2026_statistics_print_each_years_bonus_on_one_line(sample_2026_pdfs):
    """The award history (2020-2024) gives six kinds a year: the bonus column keeps room for a total of
    hundreds of millions (it wrapped "203.790.00 / 0" when every count column took the same share)."""
    text = sample_2026_pdfs["statistics-history"]
    assert "Khen thưởng 2020-2025 theo năm" in text
    for year, bonus in ((2020, "203.790.000"), (2023, "238.320.000"), (2024, "342.120.000")):
        assert f"{year} " in text and f" {bonus} " in text, (year, bonus)
