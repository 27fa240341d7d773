"""The award register (issue #17): typed by hand, imported (all or nothing, Vietnamese row errors,
export then import changes nothing), filled by the approval of a yearly title list in the same
transaction and emptied again when the list is reopened, and searched."""
import datetime as dt

import pytest

from models.awards import register
from models.awards.exchange import HEADERS, export_awards, import_awards, parse_amount
from models.awards.register import Award, SearchFilter, delete_award, save_award, search_awards
from models.common.award_codes import AwardKind, AwardLevel
from models.common.codes import TitleCode, UnitKind
from models.common.errors import DomainError, ValidationError
from models.exchange.import_common import ImportResult
from models.yearend.lists import Approval, approve, reopen
from models.yearend.title_lists import draft_list
from models.yearend.titles import list_key, title_proposals

from .db_rows import every_row
from .imports_data import rejected, write_xlsx
from .titles_data import GOOD, YEAR, team, unit

APPROVAL = Approval("15/QĐ-UBND", dt.date(2019, 1, 15), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Chủ",
                    ("Lưu: VT.",), "Ủy ban nhân dân quận Gò Vấp")
NOW = dt.datetime(2019, 1, 15, 9, 30)


@pytest.fixture
def town(db):
    p01 = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    nv = unit(db, "NV", "Phòng Nội vụ", UnitKind.CO_QUAN)
    people = team(db, p01, [GOOD, GOOD], names=["Nguyễn Văn Ánh", "Trần Thị Bình"])
    codes = dict(db.execute("SELECT id, code FROM staff").fetchall())
    return {"db": db, "P01": p01, "NV": nv, "people": people, "codes": [codes[i] for i in people]}


def _rows(db):
    return db.execute("SELECT coalesce(s.code, u.code), a.year, a.kind, a.form, a.level, a.decision_number, "
                      "a.decision_date, a.reason, a.amount, a.approval_id FROM award a "
                      "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN unit u ON u.id = a.unit_id "
                      "ORDER BY a.id").fetchall()


def _file(tmp_path, rows, name="khen_thuong.xlsx"):
    return write_xlsx(tmp_path / name, HEADERS, rows, "Khen thưởng")


# --- import --------------------------------------------------------------------------------------

def test_a_good_file_adds_people_and_collectives_with_kind_level_and_amount(town, tmp_path):
    db, (a, b) = town["db"], town["codes"]
    path = _file(tmp_path, [
        [a, "", 2016, "Huân chương Lao động hạng Ba", "Chủ tịch nước", "1234/QĐ-CTN", "02/09/2016", "Thành tích xuất "
         "sắc", ""],
        [b, None, "2017", "Giấy khen", "Quận", "45/QĐ-UBND", "10/01/2017", "Hoàn thành tốt nhiệm vụ", "417.000"],
        ["", "p01", 2017, "Bằng khen của Chủ tịch UBND Thành phố", "Cấp tỉnh", "", "", "", 2780000],
    ])
    result = import_awards(db, path)
    assert result == ImportResult(3, 0, 0)
    assert _rows(db) == [
        (a, 2016, "huan_chuong", "Huân chương Lao động hạng Ba", "nha_nuoc", "1234/QĐ-CTN", "2016-09-02",
         "Thành tích xuất sắc", 0, None),
        (b, 2017, "giay_khen", "Giấy khen", "huyen", "45/QĐ-UBND", "2017-01-10", "Hoàn thành tốt nhiệm vụ", 417000,
         None),
        ("P01", 2017, "bang_khen", "Bằng khen của Chủ tịch UBND Thành phố", "tinh", "", None, "", 2780000, None),
    ]


def test_every_wrong_cell_is_listed_in_vietnamese_and_nothing_is_written(town, tmp_path):
    db, (a, b) = town["db"], town["codes"]
    before = every_row(db)
    path = _file(tmp_path, [
        [a, "P01", 2018, "Giấy khen", "Quận", "1/QĐ", "", "", ""],
        ["", "", 2018, "Giấy khen", "Quận", "2/QĐ", "", "", ""],
        ["ZZ9", "", 2018, "Giấy khen", "Quận", "3/QĐ", "", "", ""],
        [a, "", 1800, "Khen miệng", "Vũ trụ", "4/QĐ", "31/02/2018", "", "-5"],
        [b, "", 2018, "Tập thể lao động xuất sắc", "Quận", "5/QĐ", "01/01/2010", "", "1,5 triệu"],
        [b, "", 2018, "Giấy khen", "Quận", "6/QĐ", "", "", ""],
        [b, "", 2018, "giấy khen", "quận", "6/QĐ", "", "", ""],
    ])
    assert rejected(lambda: import_awards(db, path)) == [
        "Dòng 2, cột Mã đơn vị: chỉ ghi một trong hai mã: Mã cán bộ (khen cá nhân) hoặc Mã đơn vị (khen tập thể)",
        "Dòng 3, cột Mã cán bộ: bỏ trống cả Mã cán bộ và Mã đơn vị: ghi Mã cán bộ (khen cá nhân) hoặc Mã đơn vị "
        "(khen tập thể)",
        "Dòng 4, cột Mã cán bộ: không có cán bộ mã “ZZ9”",
        "Dòng 5, cột Năm: “1800” không phải năm hợp lệ (từ 1945 đến 2100)",
        "Dòng 5, cột Hình thức khen thưởng: “Khen miệng” không rõ là hình thức nào; ghi bắt đầu bằng một trong: "
        "Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến, Tập thể lao động xuất sắc, "
        "Chiến sĩ thi đua cấp tỉnh, Chiến sĩ thi đua toàn quốc, Giấy khen, Bằng khen, Cờ thi đua, Huân chương, "
        "Huy chương, Kỷ niệm chương, Danh hiệu vinh dự Nhà nước, Hình thức khác",
        "Dòng 5, cột Cấp khen: “Vũ trụ” không hợp lệ, chọn một trong: Cơ quan, đơn vị, Cấp xã, Cấp huyện, Cấp tỉnh, "
        "Cấp bộ, ngành, Thủ tướng Chính phủ, Chủ tịch nước",
        "Dòng 5, cột Ngày quyết định: ngày 31/02/2018 không tồn tại",
        "Dòng 5, cột Số tiền: “-5” không phải số tiền (đồng), ví dụ 1.390.000",
        "Dòng 6, cột Số tiền: “1,5 triệu” không phải số tiền (đồng), ví dụ 1.390.000",
        "Dòng 8, cột Hình thức khen thưởng: trùng với dòng 7 (cùng người hoặc đơn vị, năm, hình thức và số quyết "
        "định)",
    ]
    assert every_row(db) == before


def test_a_collective_title_for_a_person_and_a_far_date_are_refused_by_row(town, tmp_path):
    db, (a, _b) = town["db"], town["codes"]
    path = _file(tmp_path, [[a, "", 2018, "Tập thể lao động xuất sắc", "Cấp tỉnh", "5/QĐ", "01/01/2010", "", ""]])
    assert rejected(lambda: import_awards(db, path)) == [
        "Dòng 2, cột Hình thức khen thưởng: Tập thể lao động xuất sắc chỉ tặng cho tập thể; hãy chọn một đơn vị",
        "Dòng 2, cột Ngày quyết định: ngày quyết định 01/01/2010 cách năm khen thưởng 2018 quá một năm; kiểm tra "
        "lại năm hoặc ngày",
    ]


def test_export_then_import_changes_nothing_and_a_changed_amount_updates(town, tmp_path):
    db, (a, _b) = town["db"], town["codes"]
    import_awards(db, _file(tmp_path, [[a, "", 2017, "Giấy khen", "Cấp huyện", "45/QĐ-UBND", "10/01/2017", "Tốt",
                                        "417.000"], ["", "NV", 2017, "Cờ thi đua", "Cấp tỉnh", "9/QĐ", "", "", ""]]))
    out = tmp_path / "ra.xlsx"
    assert export_awards(db, out) == 2
    before = _rows(db)
    assert import_awards(db, out) == ImportResult(0, 0, 2)
    assert _rows(db) == before
    import_awards(db, _file(tmp_path, [[a, "", 2017, "Giấy khen", "Cấp huyện", "45/QĐ-UBND", "10/01/2017", "Tốt",
                                        "450.000"]], "sua.xlsx"))
    assert _rows(db)[0][8] == 450000 and len(_rows(db)) == 2
    assert export_awards(db, tmp_path / "2016.xlsx", year=2016) == 0


def test_dry_run_counts_and_writes_nothing(town, tmp_path):
    db, (a, _b) = town["db"], town["codes"]
    path = _file(tmp_path, [[a, "", 2017, "Giấy khen", "Cấp huyện", "45/QĐ", "", "", ""]])
    assert import_awards(db, path, dry_run=True).summary() == (
        "Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 0, giữ nguyên 0 dòng.")
    assert _rows(db) == []


@pytest.mark.parametrize("text, amount", [("1.390.000", 1390000), ("1,390,000", 1390000), ("1390000 đ", 1390000),
                                          ("", 0), (417000, 417000), (417000.0, 417000), ("1.5", None), (-1, None),
                                          (0.5, None), ("mười", None)])
def test_amounts_as_spreadsheets_write_them(text, amount):
    assert parse_amount(text) == amount


# --- typed by hand -------------------------------------------------------------------------------

def test_an_award_typed_by_hand_is_checked_saved_and_deleted(town):
    db, (a_id, _b) = town["db"], town["people"]
    with pytest.raises(ValidationError) as caught:
        save_award(db, Award(None, None, 2018, AwardKind.GIAY_KHEN, " ", AwardLevel.HUYEN, amount=-1))
    assert caught.value.errors == {"subject": "Chọn một cán bộ (cá nhân) hoặc một đơn vị (tập thể)",
                                   "form": "Hình thức khen thưởng không được để trống",
                                   "amount": "Số tiền phải là số đồng, không âm (ví dụ 1.390.000)"}
    saved = save_award(db, Award(a_id, None, 2018, AwardKind.GIAY_KHEN, "  Giấy khen ", AwardLevel.HUYEN,
                                 "Chủ tịch UBND quận Gò Vấp", "12/QĐ-UBND", dt.date(2019, 1, 5), "Hoàn thành tốt",
                                 417000))
    assert (saved.form, saved.name, saved.kind_label, saved.level_label) == (
        "Giấy khen", "Nguyễn Văn Ánh", "Giấy khen", "Cấp huyện")
    assert saved.describe() == f"Giấy khen năm 2018 của {saved.code} - Nguyễn Văn Ánh"
    before = register.snapshot_award(db, saved.id)
    delete_award(db, saved.id)
    assert _rows(db) == []
    register.restore_award(db, saved.id, before)  # undo
    assert register.get_award(db, saved.id) == saved


# --- filled by the approval of a yearly title list ------------------------------------------------

def _approve_ldtt(db):
    proposals = title_proposals(db, YEAR)
    return approve(db, list_key(YEAR, TitleCode.LDTT), APPROVAL, draft_list(db, proposals, TitleCode.LDTT,
                                                                             dt.date(2019, 1, 10)), NOW)


def test_approving_a_title_list_writes_its_titles_and_reopening_takes_them_back(town):
    db, (a, b) = town["db"], town["codes"]
    record = _approve_ldtt(db)
    rows = _rows(db)
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[9]) for r in rows] == [
        (code, 2018, "ldtt", "Lao động tiên tiến", "huyen", "15/QĐ-UBND", "2019-01-15", record.id) for code in (a, b)]
    automatic = register.awards_of_staff(db, town["people"][0])[0]
    assert automatic.automatic and automatic.reason.startswith("Hoàn thành tốt nhiệm vụ trở lên")
    with pytest.raises(DomainError, match="được ghi từ danh sách đã phê duyệt \\(Quyết định số 15/QĐ-UBND\\)"):
        delete_award(db, automatic.id)
    reopen(db, list_key(YEAR, TitleCode.LDTT), "Sai tên", NOW)
    assert _rows(db) == []


def test_the_fill_is_in_the_approvals_transaction(town, monkeypatch):
    db = town["db"]

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("models.yearend.lists.record_approved_list", broken)
    with pytest.raises(RuntimeError):
        _approve_ldtt(db)
    assert db.execute("SELECT count(*) FROM award_approval").fetchone()[0] == 0


def test_an_approved_title_cannot_be_changed_from_a_file(town, tmp_path):
    db, (a, _b) = town["db"], town["codes"]
    _approve_ldtt(db)
    path = _file(tmp_path, [[a, "", 2018, "Lao động tiên tiến", "Cấp huyện", "15/QĐ-UBND", "15/01/2019", "Khác",
                             ""]])
    assert rejected(lambda: import_awards(db, path)) == [
        "Dòng 2, cột Hình thức khen thưởng: Lao động tiên tiến năm 2018 được ghi từ danh sách đã phê duyệt; sửa bằng "
        "cách mở lại danh sách, không sửa qua tệp nhập"]


# --- search ---------------------------------------------------------------------------------------

def test_search_ignores_case_and_diacritics_and_finds_names_units_forms_and_numbers(town, tmp_path):
    db, (a, b) = town["db"], town["codes"]
    import_awards(db, _file(tmp_path, [
        [a, "", 2016, "Huân chương Lao động hạng Ba", "Chủ tịch nước", "1234/QĐ-CTN", "", "", ""],
        [b, "", 2017, "Giấy khen", "Quận", "45/QĐ-UBND", "", "", ""],
        ["", "NV", 2017, "Cờ thi đua", "Cấp tỉnh", "9/QĐ-UBND", "", "", ""],
    ]))

    def found(**wanted):
        return [(x.code, x.year) for x in search_awards(db, SearchFilter(**wanted)).awards]

    assert found(query="nguyen van anh") == [(a, 2016)]
    assert found(query="HUAN CHUONG") == [(a, 2016)]
    assert found(query="qđ-ubnd") == [("NV", 2017), (b, 2017)]
    assert found(query="noi vu") == [("NV", 2017)]
    assert found() == [("NV", 2017), (b, 2017), (a, 2016)]
    assert found(year=2016) == [(a, 2016)]
    assert found(collective=True) == [("NV", 2017)]
    assert found(kind=AwardKind.GIAY_KHEN) == [(b, 2017)]
    assert found(query="khong ai") == []
    assert search_awards(db, SearchFilter(), limit=2).more
    assert register.award_years(db) == [2017, 2016]


def test_a_keystroke_after_a_change_reads_the_register_through_its_indexes_never_a_scan(town, tmp_path):
    """After any change the search reads its values again: by seeks in the indexes, so that the first
    keystroke after a change costs no more than the others on a register of 400,000 awards."""
    db, (a, b) = town["db"], town["codes"]
    import_awards(db, _file(tmp_path, [
        [a, "", 2016, "Giấy khen", "Quận", "45/QĐ-UBND", "", "", ""],
        [b, "", 2017, "Giấy khen", "Quận", "45/QĐ-UBND", "", "", ""],
        ["", "NV", 2017, "Cờ thi đua", "Cấp tỉnh", "", "", "", ""]]))
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        found = search_awards(db, SearchFilter(query="giay"))
        assert search_awards(db, SearchFilter(kind=AwardKind.CO_THI_DUA)).awards[0].code == "NV"
    finally:
        db.conn.set_trace_callback(None)
    assert [(x.code, x.year) for x in found.awards] == [(b, 2017), (a, 2016)]
    plans = [" ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}")) for sql in statements
             if "award" in sql and sql.lstrip().upper().startswith("SELECT")]
    assert plans and not [p for p in plans if "SCAN award" in p or "SCAN a " in p]
    assert (register._VALUES.numbers, register._VALUES.kind_count("giay_khen")) == (
        [("", "", 1), ("45/QĐ-UBND", "45/qđ-ubnd".replace("đ", "d"), 2)], 2)
