import datetime as dt
from dataclasses import replace

from PySide6.QtWidgets import QLabel

from models.yearend.lists import STAFF
from models.common.codes import Assessment
from models.campaigns.initiatives import list_initiatives, save_initiative
from models.store.settings import CouncilNames, set_council_names
from ui.yearend.approval_dialog import AUTHORITIES, ApprovalDialog
from ui.yearend.list_actions import UNDO_APPROVAL_REASON
from ui.yearend.review_data import IN_LIST, NOT_IN

from .review_fixtures import (  # noqa: F401  (review_db is a fixture)
    AS_OF,
    COMMENDATION,
    CRITICISM,
    accept_with,
    approval,
    history,
    open_page,
    review_db,
    rows,
    select,
)


def _fill_decision(dialog):
    dialog.number.setText("15/QĐ-HĐTĐKT")
    dialog.date.setText("05/03/2019")
    dialog.authority.setCurrentText(AUTHORITIES[1])
    dialog.title.setCurrentText("PHÓ CHỦ TỊCH")
    dialog.name.setText("Trần Văn Bình")


def _approve(monkeypatch, panel, fill=_fill_decision):
    opened = accept_with(monkeypatch, ApprovalDialog, fill)
    panel.approve_action.trigger()
    return opened[0]


def test_the_approval_dialog_starts_from_the_council_settings(qtbot, review_db, tmp_path, monkeypatch):
    set_council_names(review_db, CouncilNames(signer_name="Nguyễn Thị Hoa",
                                              recipients=("Như trên;", "Lưu: VT, NV.")))
    page = open_page(qtbot, review_db, tmp_path)
    dialog = _approve(monkeypatch, page.panels[CRITICISM], fill=lambda d: None)
    assert dialog.authority.currentText() == "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert [dialog.authority.itemText(i) for i in range(dialog.authority.count())] == AUTHORITIES
    assert dialog.title.currentText() == "CHỦ TỊCH"
    assert dialog.name.text() == "Nguyễn Thị Hoa"
    assert dialog.issuer.text() == "Hội đồng Thi đua - Khen thưởng quận Gò Vấp"
    assert dialog.recipients.toPlainText() == "Như trên;\nLưu: VT, NV."
    summary = dialog.findChild(QLabel, "summary").text()
    assert "Danh sách tập thể bị phê bình: 3 tập thể (tính đến ngày 01/03/2019)" in summary
    assert dialog.form.error_text("decision_number") == "Số quyết định không được để trống"


def test_approval_without_a_number_or_signer_writes_nothing(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)

    def fill(dialog):
        dialog.date.setText("32/01/2019")
        dialog.name.setText("")

    dialog = _approve(monkeypatch, page.panels[CRITICISM], fill)
    assert dialog.form.error_text("decision_number") == "Số quyết định không được để trống"
    assert dialog.form.error_text("signer_name") == "Họ tên người ký không được để trống"
    assert dialog.form.error_text("decision_date")
    assert approval(review_db) is None and history(review_db) == []
    assert not page.panels[CRITICISM].banner.isVisible()


def test_an_approved_list_shows_a_banner_and_refuses_adjustments(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    _approve(monkeypatch, panel)
    record = approval(review_db)
    assert record.approval.decision_number == "15/QĐ-HĐTĐKT"
    assert record.approval.decision_date == dt.date(2019, 3, 5)
    assert (record.approval.signer_authority, record.approval.signer_title) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert [e.name for e in record.printable().collectives] == ["Phòng Nội vụ", "Quận đoàn",
                                                                "Ủy ban nhân dân Phường 10"]
    assert panel.banner.isVisible()
    assert "ĐÃ PHÊ DUYỆT theo Quyết định số 15/QĐ-HĐTĐKT ngày 05/03/2019" in panel.banner.text().replace(
        "<b>", "").replace("</b>", "")
    select(panel, "Phòng Nội vụ")
    for act in (panel.add_action, panel.remove_action, panel.cancel_action, panel.approve_action):
        assert not act.isEnabled()
    assert panel.reopen_action.isEnabled() and panel.preview_action.isEnabled()
    assert page.tabs.tabText(0) == "Danh sách &phê bình (3) ✔"
    assert not page.panels[COMMENDATION].banner.isVisible()  # the other list is still a draft
    assert page.panels[COMMENDATION].add_action.isEnabled()


def test_the_approved_list_stays_as_frozen_when_the_data_changes(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    _approve(monkeypatch, panel)
    dt_initiative = next(i for i in list_initiatives(review_db, review_db.campaign_id) if i.unit_code == "DT")
    save_initiative(review_db, replace(dt_initiative, assessment=Assessment.HIEU_QUA), AS_OF)
    page.reload()
    assert rows(panel)["Quận đoàn"] == (IN_LIST, "Thực hiện không hiệu quả")


def test_ctrl_z_after_approving_reopens_the_list_and_says_so(qtbot, review_db, tmp_path, monkeypatch):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    _approve(monkeypatch, panel)
    assert page.undo.next_text == "Phê duyệt danh sách phê bình (Quyết định số 15/QĐ-HĐTĐKT)"
    page.undo.undo()
    panel.reload()
    assert approval(review_db) is None
    assert history(review_db)[-1].reopen_reason == UNDO_APPROVAL_REASON
    assert panel.add_action.isEnabled()
    assert "đã được mở lại" in panel.banner.text()


def test_reopening_needs_a_reason_and_a_confirmation(qtbot, review_db, tmp_path, monkeypatch, answers):
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]
    _approve(monkeypatch, panel)
    answers.typed = "  "
    panel.reopen_action.trigger()
    assert answers.errors == ["Lý do mở lại danh sách đã phê duyệt không được để trống"]
    assert approval(review_db) is not None
    answers.typed = "Sai số quyết định"
    answers.confirm_answer = False
    panel.reopen_action.trigger()
    assert "Mở lại danh sách phê bình đã phê duyệt theo Quyết định số 15/QĐ-HĐTĐKT?" in answers.asked[-1]
    assert approval(review_db) is not None
    answers.confirm_answer = True
    panel.reopen_action.trigger()
    assert approval(review_db) is None
    assert history(review_db)[-1].reopen_reason == "Sai số quyết định"
    assert "Lý do: Sai số quyết định" in panel.banner.text()
    assert panel.add_action.isEnabled() and not panel.reopen_action.isEnabled()
    assert page.undo.next_text.startswith("Phê duyệt")  # reopening itself is not undone


def test_an_added_person_prints_in_the_approved_commendation(qtbot, review_db, tmp_path, monkeypatch):
    from ui.yearend.review_dialogs import AddEntryDialog

    page = open_page(qtbot, review_db, tmp_path)
    panel = page.show_list(COMMENDATION)

    def add(dialog):
        dialog.picker.search.setText("le van dung")
        dialog.picker.table.selectRow(0)
        dialog.text.setText("Có sáng kiến cấp cơ sở được công nhận")
        dialog.reason.setText("Hội đồng đề nghị tại cuộc họp ngày 01/03/2019")

    accept_with(monkeypatch, AddEntryDialog, add)
    panel.add_action.trigger()
    _approve(monkeypatch, panel)
    frozen = approval(review_db, COMMENDATION).printable()
    assert [(e.subject, e.name, e.text, e.initiative) for e in frozen.individuals] == [
        (STAFF, "Nguyễn Văn Ánh", "Tác giả chủ trì (đóng góp 70%), mô hình được Hội đồng đánh giá Tiêu biểu xuất sắc",
         "Mô hình “Bộ phận một cửa thân thiện”"),
        (STAFF, "Lê Văn Dũng", "Có sáng kiến cấp cơ sở được công nhận", ""),  # authored nothing in the campaign
        (STAFF, "Trần Thị Đào", "Tác giả tham gia (đóng góp 30%), mô hình được Hội đồng đánh giá Tiêu biểu xuất sắc",
         "Mô hình “Bộ phận một cửa thân thiện”"),
    ]
    assert rows(panel)["Đỗ Minh Đức"] == (NOT_IN, "")


def test_a_decision_dated_before_the_campaign_is_refused_beside_the_date(qtbot, review_db, tmp_path, monkeypatch):
    """Issue 13: a decision date before the campaign's start (or years after it) is a typing error."""
    page = open_page(qtbot, review_db, tmp_path)
    panel = page.panels[CRITICISM]

    def fill(dialog):
        _fill_decision(dialog)
        dialog.date.setText("05/03/2017")

    dialog = accept_with(monkeypatch, ApprovalDialog, fill)
    panel.approve_action.trigger()
    assert dialog[0].form.error_text("decision_date") == (
        "Ngày quyết định 05/03/2017 trước ngày bắt đầu đợt thi đua (02/11/2018): kiểm tra lại ngày, tháng, năm")
    assert approval(review_db, CRITICISM) is None
