"""Issue #15 on screen: the council's level in Tệp > Thông tin in trên văn bản (offering the level's
usual wording, never replacing the user's text without asking), the ward's unit kinds on the units
screen, and a ward database's quarter review showing no district word."""
from PySide6.QtWidgets import QAbstractButton, QLabel

from models.common.codes import CouncilLevel, HeadLevel, UnitKind
from models.people.units import list_units
from models.store.db import connect
from models.store.settings import CouncilNames, council_names
from ui.kit import messages
from ui.main_window import MainWindow
from ui.people.unit_dialog import UnitDialog
from ui.people.units_page import UnitsPage, UnitsTableModel
from ui.quarters.quarter_review_page import QuarterReviewPage
from ui.quarters.quarter_review_tables import UnitReviewTableModel
from ui.store.council_dialog import CouncilDialog

from ..ward_data import to_ward
from .screens import cells, column, go_to, held, main_window, open_demo_file, page_on_file
from .title_fixtures import accept_with

WARD_RECIPIENTS = "Thường trực Đảng ủy phường;\nThường trực HĐND phường;\nCác cơ quan, đơn vị, khu phố thuộc phường;\nLưu: VT."


def _questions(monkeypatch, answer: bool) -> list[str]:
    asked = []

    def confirm(_parent, title, text, yes="", no=""):
        asked.append(f"{title}|{text}|{yes}|{no}")
        return answer

    monkeypatch.setattr(messages, "confirm", confirm)
    return asked


def test_choosing_the_ward_level_offers_its_wording_and_fills_it_when_accepted(qtbot, db, tmp_path, monkeypatch):
    window = held(qtbot, MainWindow(db, tmp_path / "tdkt.sqlite3"))
    asked = _questions(monkeypatch, True)

    def fill(dialog: CouncilDialog) -> None:
        assert dialog.preview.text() == ("In trên văn bản: “Toàn quận” (dòng tổng cộng), “toàn quận”, "
                                         "“Hội đồng Thi đua - Khen thưởng quận Gò Vấp”.")
        dialog.level.set_value(CouncilLevel.WARD)
        assert dialog.parent_body.text() == "ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP"
        assert dialog.area.currentText() == "phường"
        assert dialog.recipients.toPlainText() == WARD_RECIPIENTS
        assert dialog.preview.text() == ("In trên văn bản: “Toàn phường” (dòng tổng cộng), “toàn phường”, "
                                         "“Hội đồng Thi đua - Khen thưởng phường Gò Vấp”.")

    accept_with(monkeypatch, CouncilDialog, fill)
    assert window.edit_council_names()
    (question,) = asked
    assert question.startswith("Điền cách ghi theo cấp|Bạn vừa chọn “Cấp phường, xã, đặc khu”. Điền cách ghi thường "
                               "dùng của cấp này?\n\nCác dòng sau sẽ được thay:\n• Từ chỉ địa bàn: “quận”\n    → “phường”\n"
                               "• Cơ quan cấp trên: “ỦY BAN NHÂN DÂN QUẬN GÒ VẤP”\n    → “ỦY BAN NHÂN DÂN PHƯỜNG GÒ VẤP”\n")
    assert question.endswith("|Điền cách ghi mới|Giữ nguyên")
    names = council_names(db)
    assert (names.level, names.area, names.total_label) == (CouncilLevel.WARD, "phường", "Toàn phường")
    assert names.recipients == tuple(WARD_RECIPIENTS.splitlines())
    window.undo_last()  # Ctrl+Z: the district's words again
    assert council_names(db) == CouncilNames()


def test_declining_the_wording_keeps_what_the_user_typed(qtbot, db, tmp_path, monkeypatch):
    window = held(qtbot, MainWindow(db, tmp_path / "tdkt.sqlite3"))
    asked = _questions(monkeypatch, False)

    def fill(dialog: CouncilDialog) -> None:
        dialog.parent_body.setText("ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI TÂY")
        dialog.level.set_value(CouncilLevel.WARD)
        assert dialog.parent_body.text() == "ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI TÂY"
        assert dialog.area.currentText() == "quận"  # not replaced: the user said no
        assert [dialog.area.itemText(i) for i in range(dialog.area.count())] == ["phường", "xã", "đặc khu"]
        dialog.area.setCurrentText("phường")
        dialog.area_name.setText("An Hội Tây")

    accept_with(monkeypatch, CouncilDialog, fill)
    assert window.edit_council_names()
    assert len(asked) == 1
    names = council_names(db)
    assert (names.level, names.parent_body, names.council_name) == (
        CouncilLevel.WARD, "ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI TÂY", "Hội đồng Thi đua - Khen thưởng phường An Hội Tây")
    assert names.recipients == CouncilNames().recipients


def test_the_fill_button_asks_only_when_something_would_change(qtbot, db, monkeypatch):
    asked = _questions(monkeypatch, True)
    dialog = held(qtbot, CouncilDialog(db))
    dialog.area_name.setText("Thông Tây Hội")
    dialog.fill_button.click()
    assert dialog.parent_body.text() == "ỦY BAN NHÂN DÂN QUẬN THÔNG TÂY HỘI" and dialog.place.text() == "Thông Tây Hội"
    dialog.fill_button.click()  # already the level's wording: nothing to ask
    assert len(asked) == 1
    assert dialog.is_dirty()


def test_the_ward_kinds_are_offered_filtered_and_saved_on_the_units_screen(qtbot, sample_db, tmp_path):
    page = page_on_file(UnitsPage, qtbot, sample_db, tmp_path)
    offered = [page.kind_filter.itemText(i) for i in range(page.kind_filter.count())]
    assert offered == ["Tất cả loại đơn vị", "Cơ quan chuyên môn", "Trung tâm Phục vụ hành chính công",
                       "Đơn vị sự nghiệp", "Trường học", "Trạm y tế", "Mặt trận - Đoàn thể", "Tổ chức cơ sở Đảng",
                       "Phường", "Khu phố - Ấp", "Khác"]
    dialog = held(qtbot, UnitDialog(sample_db))
    dialog.code.setText("KP01")
    dialog.name.setText("Khu phố 1")
    dialog.kind.set_value(UnitKind.KHU_PHO)
    assert dialog.try_save()
    assert [u.kind for u in list_units(sample_db) if u.code == "KP01"] == [UnitKind.KHU_PHO]
    page.reload()
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Khu phố - Ấp"))
    assert column(page.model, UnitsTableModel.COL_NAME) == ["Khu phố 1"]
    assert "Khu phố - Ấp" in cells(page.model)[0]


def _screen_texts(page) -> list[str]:
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
    for model in (page.units.model, page.units.totals_model):
        texts += [str(c) for row in cells(model) for c in row]
    model, share = page.units.model, UnitReviewTableModel.COL_SHARE[HeadLevel.XUAT_SAC]
    tips = [model.tooltip(model.record(row), share) or "" for row in range(model.rowCount())]
    assert any("Toàn phường: " in tip for tip in tips)
    return texts + tips


def test_a_ward_databases_quarter_review_shows_the_ward_words(qtbot, tmp_path):
    db, path = open_demo_file(tmp_path)
    db.close()
    to_ward(path)
    db = connect(path)
    page = held(qtbot, QuarterReviewPage(db, path))
    page.set_quarter(2018, 3)
    texts = _screen_texts(page)
    assert not [t for t in texts if "quận" in t.lower()]
    assert page.print_button.text() == "In bảng tổng hợp toàn phường (PDF)..."
    assert "Toàn phường" in page.summary.text() and page.units.legend.text().startswith("Ô %: so với toàn phường — ")
    assert column(page.units.totals_model, UnitReviewTableModel.COL_UNIT) == ["Toàn phường"]
    db.close()


def test_the_screen_shown_takes_the_new_words_as_soon_as_they_are_saved(qtbot, sample_db, tmp_path, monkeypatch):
    window = main_window(qtbot, sample_db, tmp_path)
    review = go_to(window, "Tổng hợp quý")
    assert review.print_button.text() == "In bảng tổng hợp toàn quận (PDF)..."
    _questions(monkeypatch, True)
    accept_with(monkeypatch, CouncilDialog, lambda dialog: dialog.level.set_value(CouncilLevel.WARD))
    assert window.edit_council_names()
    assert review.print_button.text() == "In bảng tổng hợp toàn phường (PDF)..."
    window.undo_last()
    assert review.print_button.text() == "In bảng tổng hợp toàn quận (PDF)..."
