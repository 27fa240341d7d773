import datetime as dt

import openpyxl

from models.people.imports import STAFF_HEADERS, UNIT_HEADERS
from models.people.staff import list_staff
from ui.kit.import_dialog import ImportDialog

from ..models.imports_data import write_xlsx
from .screens import held, open_demo_file


def _dump(db):
    return [db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("unit", "staff", "staff_unit")]


def _xlsx(path, headers, rows):
    return write_xlsx(path, headers, rows)


def test_a_bad_file_lists_every_error_and_cannot_be_imported(qtbot, sample_db, tmp_path):
    db_path = tmp_path / "tdkt.sqlite3"  # the sample_db fixture's file
    before = _dump(sample_db)
    bad = _xlsx(tmp_path / "bad.xlsx", STAFF_HEADERS, [
        ["CB10", "Lý Thị Mai", "31/02/1990", "Nữ", "P01", "", "Công chức", "Không", ""],
        ["CB10", "Lý Văn Nam", "", "Nam", "ZZ", "", "Công chức", "Không", ""],
    ])
    dialog = ImportDialog("staff", db_path)
    qtbot.addWidget(dialog)
    dialog.set_file(bad)
    assert dialog.errors == [
        "Dòng 2, cột Ngày sinh: ngày 31/02/1990 không tồn tại",
        "Dòng 3, cột Mã cán bộ: mã “CB10” trùng với dòng 2",
        "Dòng 3, cột Mã đơn vị: không có đơn vị mã “ZZ” trong danh sách đơn vị",
    ]
    assert dialog.error_list.toPlainText().splitlines() == dialog.errors
    assert dialog.summary.text().startswith("Tệp có 3 lỗi, chưa ghi gì")
    assert not dialog.import_button.isEnabled()
    dialog.copy_errors()
    assert dialog.errors[0] in qtbot_clipboard()
    assert _dump(sample_db) == before


def qtbot_clipboard():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.clipboard().text()


def test_a_good_file_is_checked_first_then_imported(qtbot, sample_db, tmp_path):
    db_path = tmp_path / "tdkt.sqlite3"
    good = _xlsx(tmp_path / "good.xlsx", STAFF_HEADERS, [
        ["CB10", "Lý Thị Mai", dt.date(1990, 3, 4), "Nữ", "P01", "Chuyên viên", "Công chức", "Không", "01/02/2015"],
        ["CB01", "Nguyễn Văn Ánh", "17/05/1980", "Nam", "P01", "Chủ tịch", "Công chức", "Có", "01/03/2005"],
    ])
    dialog = ImportDialog("staff", db_path)
    qtbot.addWidget(dialog)
    dialog.set_file(good)
    assert dialog.summary.text().startswith("Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 1, cập nhật 1")
    assert dialog.import_button.isEnabled()
    assert len(list_staff(sample_db)) == 5  # the check wrote nothing
    assert dialog.run_import()
    assert dialog.written
    assert dialog.summary.text() == "Đã thêm 1, cập nhật 1, giữ nguyên 0 dòng."
    people = {p.code: p for p in list_staff(sample_db)}
    assert people["CB10"].full_name == "Lý Thị Mai"
    assert people["CB01"].position == "Chủ tịch"


def test_a_wrong_header_is_named(qtbot, sample_db, tmp_path):
    bad = _xlsx(tmp_path / "units.xlsx", ["Ma don vi"] + UNIT_HEADERS[1:], [["X", "Y", "Phường", "", ""]])
    dialog = ImportDialog("units", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    dialog.set_file(bad)
    assert dialog.errors == ["Dòng 1, cột Mã đơn vị: tiêu đề ở cột A phải là “Mã đơn vị”, tệp ghi “Ma don vi”"]


def test_initiatives_are_imported_into_the_chosen_campaign(qtbot, sample_db, tmp_path):
    from models.campaigns.campaigns import Campaign, save_campaign
    from models.campaigns.imports_campaigns import INITIATIVE_HEADERS
    from models.campaigns.initiatives import list_initiatives

    campaign = save_campaign(sample_db, Campaign(
        name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018, start_date=dt.date(2018, 11, 2),
        registration_deadline=dt.date(2018, 11, 3), report_deadline=dt.date(2019, 1, 27)))
    good = _xlsx(tmp_path / "mo-hinh.xlsx", INITIATIVE_HEADERS, [
        ["P01", "Một cửa điện tử", "Giải pháp", "", "03/11/2018", "", ""],
    ])
    dialog = ImportDialog("initiatives", tmp_path / "tdkt.sqlite3", campaign_id=campaign.id,
                          campaign_name="2018 - Đợt thi đua cao điểm về Cải cách hành chính")
    qtbot.addWidget(dialog)
    dialog.set_file(good)
    assert dialog.import_button.isEnabled(), dialog.errors
    assert dialog.run_import()
    assert [(i.unit_code, i.title) for i in list_initiatives(sample_db, campaign.id)] == [("P01", "Một cửa điện tử")]


def test_the_campaign_screen_exports_initiatives_in_the_import_columns(qtbot, tmp_path, answers, monkeypatch):
    from ui.kit import messages
    from ui.campaigns.campaigns_page import CampaignsPage

    db, path = open_demo_file(tmp_path)
    page = held(qtbot, CampaignsPage(db, path))
    out = tmp_path / "mo-hinh.xlsx"
    monkeypatch.setattr(messages, "save_xlsx", lambda *a: str(out))
    page.export_initiatives_action.trigger()
    sheet = openpyxl.load_workbook(out).active
    from models.campaigns.imports_campaigns import INITIATIVE_AUTHORS, INITIATIVE_HEADERS

    assert [c.value for c in sheet[1]] == [*INITIATIVE_HEADERS, INITIATIVE_AUTHORS]  # authors: optional, last
    assert all(row[-1].value for row in sheet.iter_rows(min_row=2))  # every sample initiative has authors
    assert sheet.max_row == 36  # header + 35 registered units of the sample campaign
    assert "Đã xuất 35 dòng" in answers.infos[-1]
    db.close()


def test_head_evaluations_are_imported_from_excel(qtbot, sample_db, tmp_path):
    from models.people.heads import list_evaluations
    from models.campaigns.imports_campaigns import HEAD_HEADERS

    good = _xlsx(tmp_path / "heads.xlsx", HEAD_HEADERS, [["NV", 2018, "Hoàn thành tốt nhiệm vụ", "Đạt"]])
    dialog = ImportDialog("heads", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    dialog.set_file(good)
    assert dialog.run_import(), dialog.errors
    assert [(e.unit_code, e.level_label, e.note) for e in list_evaluations(sample_db, 2018)] == [
        ("NV", "Hoàn thành tốt nhiệm vụ", "Đạt")]


def test_head_evaluations_with_their_decision_day(qtbot, sample_db, tmp_path):
    """Issue 13: the optional last column "Ngày quyết định", named in the dialog."""
    from PySide6.QtWidgets import QLabel

    from models.people.heads import list_evaluations
    from models.campaigns.imports_campaigns import HEAD_HEADERS

    dialog = ImportDialog("heads", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    intro = dialog.findChild(QLabel, "intro").text()
    assert "Mã đơn vị | Năm | Xếp loại người đứng đầu | Ghi chú (có thể thêm cột cuối “Ngày quyết định”, " \
           "không bắt buộc)." in intro
    bad = _xlsx(tmp_path / "sai.xlsx", [*HEAD_HEADERS, "Ngày quyết định"],
                [["NV", 2018, "Hoàn thành tốt nhiệm vụ", "", "05/01/2021"]])
    dialog.set_file(bad)
    assert not dialog.run_import()
    assert dialog.errors == ["Dòng 2, cột Ngày quyết định: ngày 05/01/2021 không thuộc năm 2018 hoặc năm 2019: "
                             "đánh giá năm nào được quyết định trong năm đó hoặc đầu năm sau"]
    good = _xlsx(tmp_path / "dung.xlsx", [*HEAD_HEADERS, "Ngày quyết định"],
                 [["NV", 2018, "Hoàn thành tốt nhiệm vụ", "", "05/01/2019"]])
    dialog.set_file(good)
    assert dialog.run_import(), dialog.errors
    assert [(e.unit_code, e.decided_on) for e in list_evaluations(sample_db, 2018)] == [("NV", dt.date(2019, 1, 5))]


def test_rows_hidden_in_excel_are_listed_under_the_result(qtbot, sample_db, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(STAFF_HEADERS)
    book.active.append(["CB10", "Lý Thị Mai", "04/03/1990", "Nữ", "P01", "", "Công chức", "Không", "01/02/2015"])
    book.active.append(["CB11", "Lý Văn Nam", "05/03/1991", "Nam", "P01", "", "Công chức", "Không", "01/02/2016"])
    book.active.row_dimensions[3].hidden = True
    book.save(tmp_path / "an.xlsx")
    dialog = ImportDialog("staff", tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(dialog)
    dialog.set_file(tmp_path / "an.xlsx")
    warning = "Dòng 3 đang bị ẩn trong Excel (ẩn hoặc bị lọc), vẫn được nhập"
    assert dialog.summary.text() == ("Kiểm tra xong, chưa ghi gì (chạy thử): sẽ thêm 2, cập nhật 0, giữ nguyên 0 "
                                     "dòng. Lưu ý 1 điều (xem danh sách dưới đây). Bấm “Nhập vào cơ sở dữ liệu” để ghi.")
    assert dialog.error_list.toPlainText() == warning
    assert dialog.import_button.isEnabled()
    assert dialog.run_import()
    assert dialog.summary.text() == "Đã thêm 2, cập nhật 0, giữ nguyên 0 dòng. Lưu ý 1 điều (xem danh sách dưới đây)."
    assert dialog.errors == [warning]
    assert {p.code for p in list_staff(sample_db)} >= {"CB10", "CB11"}
