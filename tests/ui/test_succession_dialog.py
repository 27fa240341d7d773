"""The units screen's "Sáp nhập / chia tách / đổi tên..." action: preview, confirmation, undo."""
import datetime as dt

from PySide6.QtCore import Qt

from models.common.codes import UnitKind
from models.people.staff import list_staff, unit_on
from models.people.units import Unit, list_units, save_unit
from ui.main_window import MainWindow
from ui.people.succession_dialog import SuccessionDialog
from ui.people.units_page import UnitsTableModel

from .screens import column, shown

TODAY = dt.date(2026, 1, 15)


def _ids(db):
    return {u.code: u.id for u in list_units(db)}


def _new_ward(db):
    return save_unit(db, Unit(code="GV", name="Ủy ban nhân dân phường Gò Vấp", kind=UnitKind.PHUONG)).id


def _choose(dialog, db, old, new, day="01/07/2025"):
    ids = _ids(db)
    dialog.old.set_checked([ids[c] for c in old])
    dialog.new.set_checked([ids[c] for c in new])
    dialog.effective_on.setText(day)
    dialog.effective_on.editingFinished.emit()


def test_the_preview_lists_who_moves_and_says_what_is_missing(qtbot, sample_db):
    _new_ward(sample_db)
    dialog = shown(qtbot, SuccessionDialog(sample_db, TODAY, _ids(sample_db)["P01"]))
    assert dialog.old.checked_ids() == [_ids(sample_db)["P01"]]  # the unit selected on the screen
    assert dialog.summary.text() == "Chưa xem trước được: Chưa chọn đơn vị mới"
    _choose(dialog, sample_db, ["P01", "P10"], ["GV"])
    assert dialog.summary.text().startswith(
        "Ủy ban nhân dân Phường 1, Ủy ban nhân dân Phường 10 sáp nhập vào Ủy ban nhân dân phường Gò Vấp "
        "từ 01/07/2025. 3 cán bộ chuyển đơn vị")
    rows = [[dialog.preview.item(r, c).text() for c in (0, 1, 3, 4)] for r in range(dialog.preview.rowCount())]
    assert rows == [["CB01", "Nguyễn Văn Ánh", "Ủy ban nhân dân Phường 1", "Ủy ban nhân dân phường Gò Vấp"],
                    ["CB02", "Trần Thị Đào", "Ủy ban nhân dân Phường 1", "Ủy ban nhân dân phường Gò Vấp"],
                    ["CB05", "Đỗ Minh Đức", "Ủy ban nhân dân Phường 10", "Ủy ban nhân dân phường Gò Vấp"]]
    dialog.effective_on.setText("32/07/2025")
    dialog.effective_on.editingFinished.emit()
    assert dialog.preview.rowCount() == 0
    assert dialog.summary.text().startswith("Chưa xem trước được: ")
    dialog.grab().save("/tmp/h15b-merge-dialog-error.png")


def test_declining_the_confirmation_writes_nothing(qtbot, sample_db, answers):
    _new_ward(sample_db)
    dialog = shown(qtbot, SuccessionDialog(sample_db, TODAY))
    _choose(dialog, sample_db, ["P01", "P10"], ["GV"])
    answers.confirm_answer = False
    assert not dialog.try_save()
    assert "3 cán bộ sẽ chuyển sang đơn vị mới từ ngày 01/07/2025" in answers.asked[0]
    assert sample_db.execute("SELECT count(*) FROM unit_succession").fetchone() == (0,)
    assert dialog.isVisible()


def test_a_split_takes_the_unit_chosen_for_each_person(qtbot, sample_db, answers):
    save_unit(sample_db, Unit(code="KT", name="Phòng Kinh tế", kind=UnitKind.CO_QUAN))
    _new_ward(sample_db)
    dialog = shown(qtbot, SuccessionDialog(sample_db, TODAY))
    dialog.kind.setCurrentIndex(dialog.kind.findText("Chia tách"))
    _choose(dialog, sample_db, ["P01"], ["GV", "KT"])
    assert dialog.preview.rowCount() == 2
    dialog.preview.cellWidget(1, 4).setCurrentIndex(dialog.preview.cellWidget(1, 4).findText("Phòng Kinh tế"))
    dialog.grab().save("/tmp/h15b-merge-dialog-split.png")
    assert dialog.try_save()
    people = {p.code: p.unit_code for p in list_staff(sample_db)}
    assert (people["CB01"], people["CB02"]) == ("GV", "KT")


def test_the_action_moves_everyone_and_ctrl_z_undoes_it(qtbot, sample_db, tmp_path, monkeypatch):
    gv = _new_ward(sample_db)
    window = MainWindow(sample_db, tmp_path / "tdkt.sqlite3")
    shown(qtbot, window)
    page = window.units_page
    page.today = TODAY

    def fake_exec(self):
        _choose(self, sample_db, ["P01", "P10"], ["GV"])
        self.note.setText("Nghị quyết 1685/NQ-UBTVQH15")
        return int(self.try_save())

    monkeypatch.setattr(SuccessionDialog, "exec", fake_exec)
    page.select_where(lambda u: u.code == "P01")
    page.succession_action.trigger()
    assert {p.code for p in list_staff(sample_db, gv)} == {"CB01", "CB02", "CB05"}
    assert unit_on(sample_db, 1, dt.date(2025, 6, 30)) == _ids(sample_db)["P01"]
    page.state_filter.setCurrentIndex(page.state_filter.findText("Tất cả trạng thái"))
    states = dict(zip(column(page.model, UnitsTableModel.COL_CODE), column(page.model, UnitsTableModel.COL_STATE)))
    assert states["P01"] == "Đã sáp nhập từ 01/07/2025"
    row = column(page.model, UnitsTableModel.COL_CODE).index("P01")
    assert page.model.index(row, UnitsTableModel.COL_STATE).data(Qt.ItemDataRole.ToolTipRole) == (
        "Sáp nhập vào Ủy ban nhân dân phường Gò Vấp từ 01/07/2025")
    assert states["GV"] == "Đang hoạt động"
    assert window.undo_action.text() == ("Hoàn tác: Sáp nhập đơn vị: Ủy ban nhân dân Phường 1, Ủy ban nhân dân "
                                         "Phường 10 sáp nhập vào Ủy ban nhân dân phường Gò Vấp từ 01/07/2025")
    note = sample_db.execute("SELECT note FROM unit_succession").fetchall()
    assert note == [("Nghị quyết 1685/NQ-UBTVQH15",), ("Nghị quyết 1685/NQ-UBTVQH15",)]
    window.undo_last()
    assert list_staff(sample_db, gv) == []
    assert {u.code for u in list_units(sample_db, active_only=True)} == {"P01", "P10", "NV", "DT", "GV"}
    assert sample_db.execute("SELECT count(*) FROM unit_succession").fetchone() == (0,)


def test_the_entry_screen_keeps_a_merged_unit_for_the_quarters_before_its_end(qtbot, sample_db, tmp_path, answers):
    from models.people.succession import SuccessionKind, apply_succession, plan_succession
    from ui.quarters.classification_page import ClassificationPage
    from ui.quarters.classification_table import ClassificationTableModel as M

    gv, ids = _new_ward(sample_db), _ids(sample_db)
    apply_succession(sample_db, plan_succession(sample_db, SuccessionKind.SAP_NHAP, [ids["P10"]], [gv],
                                                dt.date(2025, 7, 1), TODAY))
    sample_db.execute("UPDATE unit SET active = 0 WHERE code = 'DT'")  # dissolved, not merged: gone
    page = shown(qtbot, ClassificationPage(sample_db, tmp_path / "tdkt.sqlite3"))
    combo = page.unit_combo
    assert {combo.itemText(i) for i in range(combo.count())} == {
        "Ủy ban nhân dân Phường 1 (P01)", "Ủy ban nhân dân Phường 10 (P10) - đến 30/06/2025", "Phòng Nội vụ (NV)",
        "Ủy ban nhân dân phường Gò Vấp (GV)"}
    page.show_unit(ids["P10"], 2025, 2)
    names = [page.model.index(r, M.COL_NAME).data() for r in range(page.model.rowCount())]
    assert names == ["Đỗ Minh Đức"]  # still in Phường 10 in Q2/2025
    page.show_unit(ids["P10"], 2025, 3)
    assert page.model.rowCount() == 0  # in the new ward from Q3


def test_reactivating_a_merged_unit_warns_and_does_nothing_unless_confirmed(qtbot, sample_db, tmp_path, answers):
    from models.people.succession import SuccessionKind, apply_succession, plan_succession
    from ui.people.units_page import UnitsPage

    gv = _new_ward(sample_db)
    p01 = _ids(sample_db)["P01"]
    apply_succession(sample_db, plan_succession(sample_db, SuccessionKind.SAP_NHAP, [p01], [gv], dt.date(2025, 7, 1),
                                                TODAY))
    page = shown(qtbot, UnitsPage(sample_db, tmp_path / "tdkt.sqlite3"))
    page.state_filter.setCurrentIndex(page.state_filter.findText("Tất cả trạng thái"))
    page.select_where(lambda u: u.code == "P01")
    assert page.toggle_action.text() == "Kích hoạt lại"
    answers.confirm_answer = False
    page.toggle_action.trigger()
    assert answers.asked == [
        "“Ủy ban nhân dân Phường 1” đã sáp nhập vào Ủy ban nhân dân phường Gò Vấp từ 01/07/2025.\nKích hoạt lại thì "
        "đơn vị cũ lại có trong các danh sách đơn vị đang hoạt động (đăng ký, xếp loại, danh hiệu tập thể), còn cán "
        "bộ vẫn ở đơn vị mới và việc sắp xếp vẫn được ghi.\nVẫn kích hoạt lại?"]
    assert [u.active for u in list_units(sample_db) if u.code == "P01"] == [False]
    answers.confirm_answer = True
    page.toggle_action.trigger()
    assert [u.active for u in list_units(sample_db) if u.code == "P01"] == [True]
