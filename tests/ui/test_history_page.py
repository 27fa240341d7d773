import datetime as dt

from models.common.codes import UnitKind
from models.store.db import connect
from models.store.history import list_changes
from models.people.units import Unit, list_units, save_unit
from ui.app import operator_name
from ui.store.history_page import HistoryPage, HistoryTableModel


def test_every_change_is_listed_newest_first_with_who_and_what(qtbot, tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path, who="Nguyễn Thị Lan (lan)")
    unit = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    save_unit(db, Unit(code="P01", name="Ủy ban nhân dân Phường 1", kind=UnitKind.PHUONG, id=unit.id))
    page = HistoryPage(db, path)
    qtbot.addWidget(page)
    rows = [[page.model.index(r, c).data() for c in range(6)] for r in range(page.model.rowCount())]
    assert [r[1:5] for r in rows] == [
        ["Nguyễn Thị Lan (lan)", "Đơn vị", "Sửa", "P01 - Ủy ban nhân dân Phường 1"],
        ["Nguyễn Thị Lan (lan)", "Đơn vị", "Thêm", "P01 - Phường 1"],
    ]
    assert rows[0][HistoryTableModel.COL_CHANGES] == "Tên: Phường 1 → Ủy ban nhân dân Phường 1"
    page.table_filter.setCurrentIndex(page.table_filter.findText("Cán bộ"))
    assert page.model.rowCount() == 0
    db.close()


def test_the_history_cannot_be_edited(db):
    import pytest
    import sqlite_utils

    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    with pytest.raises(Exception, match="Nhật ký thay đổi không xóa được"):
        db.execute("DELETE FROM change_log")
    with pytest.raises(Exception, match="Nhật ký thay đổi không sửa được"):
        db.execute("UPDATE change_log SET who = 'x'")
    assert len(list_changes(db)) == 1
    assert isinstance(db, sqlite_utils.Database)


def test_the_operator_is_asked_once_per_database_and_named_in_the_history(tmp_path, answers):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    answers.typed = "Nguyễn Thị Lan"
    assert operator_name(db, ask=True).startswith("Nguyễn Thị Lan")
    answers.typed = "Người khác"
    assert operator_name(db, ask=True).startswith("Nguyễn Thị Lan")  # asked once only
    save_unit(db, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    assert list_changes(db, table="unit")[0].who.startswith("Nguyễn Thị Lan")
    assert list_changes(db, since=dt.date.today(), unit_id=list_units(db)[0].id)
    db.close()


def test_searching_a_date_as_shown_finds_the_change_stored_in_iso(qtbot, db, tmp_path):
    unit = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.execute("INSERT INTO unit_quarter (unit_id, year, quarter, submitted_on) VALUES (?, 2018, 2, '2018-08-31')",
               [unit.id])
    page = HistoryPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    page.search.setText("31/08/2018")
    assert page.model.rowCount() == 1
    assert page.model.index(0, HistoryTableModel.COL_CHANGES).data() == (
        "Đơn vị: Phường 1 (P01); Năm: 2018; Quý: 2; Ngày nộp: 31/08/2018; Đã chốt: Không")
    page.search.setText("2018-08-31")  # what the database stores is not what the secretary sees
    assert page.model.rowCount() == 0


def test_a_long_change_is_shown_whole_in_its_tooltip_one_field_a_line(qtbot, db, tmp_path):
    from PySide6.QtCore import Qt

    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    page = HistoryPage(db, tmp_path / "tdkt.sqlite3")
    qtbot.addWidget(page)
    tip = page.model.index(0, HistoryTableModel.COL_CHANGES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[:3] == ["Mã: P01", "Tên: Phường 1", "Loại: Phường"]
