"""The initiative and campaign dialogs, on their own and from the tracking screen: errors, undo, deleting."""
import datetime as dt

import pytest

from PySide6.QtCore import Qt

from models.campaigns.campaigns import DEFAULT_FIELDS, Campaign, add_participant, list_campaigns, participants, save_campaign
from models.common.codes import InitiativeKind
from models.common.errors import ValidationError
from models.campaigns.initiatives import list_initiatives
from models.people.staff import list_staff
from ui.campaigns.campaign_dialog import CampaignDialog
from ui.campaigns.initiative_dialog import InitiativeDialog

from .campaign_fixtures import (  # noqa: F401  (campaign_db is a fixture)
    M,
    REGISTRATION,
    REPORT,
    START,
    _accept_with,
    _page,
    _rows,
    _units,
    campaign_db,
)
from .typing import type_text


def _initiative_dialog(qtbot, db, unit_code=None):
    """The seed campaign and its initiative dialog, shown, for ``unit_code``'s row (or no row)."""
    campaign = list_campaigns(db)[0]
    participant = next((p for p in participants(db, campaign.id) if p.unit_code == unit_code), None)
    dialog = InitiativeDialog(db, campaign, participant=participant)
    qtbot.addWidget(dialog)
    dialog.show()
    return campaign, dialog


def _fill_model(dialog, title, registered_on):
    """Types a Mô hình's name and registration date into the dialog."""
    dialog.title.setText(title)
    dialog.kind.setCurrentIndex(dialog.kind.findText("Mô hình"))
    dialog.registered_on.setText(registered_on)


def test_registering_an_initiative_from_the_row(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)
    author = [p for p in list_staff(campaign_db) if p.code == "CB03"][0]

    def fill(d):
        assert d.unit.text() == "Phòng Nội vụ (NV)"
        # The 2018 campaign is long over: its registration deadline, not today (which would be late).
        assert d.registered_on.text() == "03/11/2018"
        assert d.registered_note.isVisibleTo(d)
        assert d.registered_note.text() == "(ngày tính theo thời gian của đợt thi đua)"
        type_text(d.title, "Phần mềm quản lý hồ sơ cán bộ")
        d.kind.setCurrentIndex(d.kind.findText("Giải pháp"))
        d.field.setCurrentIndex(d.field.findText(DEFAULT_FIELDS[0]))
        d.registered_on.setText("05/11/2018")
        assert not d.registered_note.isVisibleTo(d)  # no longer the campaign's default
        d.authors.choice.set_value(author.id)
        d.authors.add_button.click()

    _accept_with(monkeypatch, InitiativeDialog, fill)
    page.select_where(lambda s: s.participant.unit_code == "NV")
    page.edit_action.trigger()
    saved = [i for i in list_initiatives(campaign_db, page.campaign().id) if i.unit_code == "NV"]
    assert [(i.title, i.kind, i.field, i.registered_on, i.author_ids) for i in saved] == [
        ("Phần mềm quản lý hồ sơ cán bộ", InitiativeKind.GIAI_PHAP, DEFAULT_FIELDS[0], dt.date(2018, 11, 5),
         (author.id,))]
    page.set_as_of(dt.date(2018, 11, 6))
    assert _rows(page)["NV"][M.COL_STATE:M.COL_KIND + 1] == [
        "Đăng ký trễ hạn", "chậm nhất ngày 27/01/2019", "Còn 82 ngày", "Phần mềm quản lý hồ sơ cán bộ", "Giải pháp"]
    assert page.undo.next_text == "Đăng ký mô hình của đơn vị NV"
    page.undo.undo()
    assert [i.unit_code for i in list_initiatives(campaign_db, page.campaign().id)] == ["P01", "P10"]


def test_report_date_before_registration_date_is_refused_beside_the_field(qtbot, campaign_db):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "NV")
    _fill_model(dialog, "Số hóa hồ sơ lưu trữ", "05/11/2018")
    dialog.reported_on.setText("01/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("reported_on") == "Ngày báo cáo kết quả phải từ ngày đăng ký (05/11/2018) trở đi"
    assert dialog.form.error_text("title") == ""
    assert dialog.isVisible()
    assert [i.unit_code for i in list_initiatives(campaign_db, campaign.id)] == ["P01", "P10"]


def test_unreadable_dates_are_shown_with_the_other_errors(qtbot, campaign_db):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "NV")
    dialog.registered_on.setText("32/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("registered_on") == "Ngày 32/11/2018 không tồn tại"
    assert dialog.form.error_text("title") == "Chưa nhập tên mô hình, sáng kiến, giải pháp"
    assert dialog.form.error_text("kind") == "Chưa chọn loại (Mô hình, Sáng kiến, Giải pháp)"


def test_a_second_initiative_for_a_unit_is_refused_beside_the_unit(qtbot, campaign_db):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "P01")
    _fill_model(dialog, "Ngày thứ Bảy vì dân", "03/11/2018")
    assert not dialog.try_save()
    assert dialog.form.error_text("unit_id") == (
        "Đơn vị đã đăng ký 1 mô hình, sáng kiến, giải pháp trong đợt này (tối đa 1)")
    assert [i.title for i in list_initiatives(campaign_db, campaign.id) if i.unit_code == "P01"] == [
        "Bộ phận một cửa thân thiện"]


def test_the_unit_is_chosen_among_participants_when_no_row_is_given(qtbot, campaign_db):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db)
    names = [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    assert names == ["— Chọn đơn vị —", "Phòng Nội vụ (NV)", "Quận đoàn (DT)", "Ủy ban nhân dân Phường 1 (P01)",
                     "Ủy ban nhân dân Phường 10 (P10)"]
    assert not dialog.try_save()
    assert dialog.form.error_text("unit_id") == "Chưa chọn đơn vị"
    dialog.unit.setCurrentIndex(dialog.unit.findText("Ủy ban nhân dân Phường 1 (P01)"))
    staff = [dialog.authors.choice.itemText(i) for i in range(dialog.authors.choice.count())]
    assert staff == ["Nguyễn Văn Ánh", "Trần Thị Đào"]


def test_deleting_an_initiative_asks_first_and_can_be_undone(qtbot, campaign_db, tmp_path, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    page.select_where(lambda s: s.participant.unit_code == "P10")
    answers.confirm_answer = False
    page.delete_action.trigger()
    assert answers.asked[0].startswith("Xóa “Tra cứu hồ sơ bằng mã QR” của Ủy ban nhân dân Phường 10?")
    assert len(list_initiatives(campaign_db, page.campaign().id)) == 2
    answers.confirm_answer = True
    page.delete_action.trigger()
    assert _rows(page)["P10"][M.COL_STATE:M.COL_DAYS + 1] == ["Chưa đăng ký (quá hạn)", "chậm nhất ngày 03/11/2018", "Quá hạn 1 ngày"]
    assert page.selected().participant.unit_code == "P10"
    page.undo.undo()
    page.reload()
    assert _rows(page)["P10"][M.COL_STATE:M.COL_TITLE + 1] == [
        "Đăng ký trễ hạn", "chậm nhất ngày 27/01/2019", "Còn 84 ngày", "Tra cứu hồ sơ bằng mã QR"]


def test_enter_in_the_author_box_adds_the_author_without_saving(qtbot, campaign_db):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "P01")
    combo = dialog.authors.choice
    combo.setEditText("Trần Thị Đào")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert [dialog.authors.list.item(i).text() for i in range(dialog.authors.list.count())] == [
        "Trần Thị Đào (chủ trì)"]
    assert dialog.isVisible() and dialog.result_record is None
    assert combo.currentText() == ""
    dialog.authors.list.setCurrentRow(0)
    dialog.authors.remove_button.click()
    assert dialog.authors.author_ids() == ()


def test_authors_get_a_role_and_a_share_and_save_with_them(qtbot, campaign_db):
    """Issue 13: the first author added leads (chủ trì); the role and share fields edit the selected one."""
    from models.campaigns.initiatives import Author
    from models.common.codes import AuthorRole

    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "NV")
    people = {p.code: p.id for p in list_staff(campaign_db)}
    for code in ("CB03", "CB04"):
        dialog.authors.add_author(people[code])
    assert dialog.authors.list.currentRow() == 1 and dialog.authors.role.value() == AuthorRole.THAM_GIA
    dialog.authors.share.setValue(40)
    dialog.authors.list.setCurrentRow(0)
    assert dialog.authors.role.value() == AuthorRole.CHU_TRI and dialog.authors.share.text() == "Chưa báo cáo"
    dialog.authors.share.setValue(60)
    assert dialog.authors.list.item(0).text() == "Lê Văn Dũng (chủ trì, 60%)"
    assert dialog.authors.authors() == (Author(people["CB03"], AuthorRole.CHU_TRI, 60.0),
                                        Author(people["CB04"], AuthorRole.THAM_GIA, 40.0))
    dialog.title.setText("Phần mềm quản lý hồ sơ cán bộ")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Mô hình"))
    saved = dialog.save()
    assert saved.authors == dialog.authors.authors()
    assert campaign_db.execute("SELECT staff_id, role, share FROM initiative_author ORDER BY rowid").fetchall() == [
        (people["CB03"], "chu_tri", 60.0), (people["CB04"], "tham_gia", 40.0)]
    dialog.authors.share.setValue(70)  # 60 + 70 > 100: refused with the sum
    with pytest.raises(ValidationError) as caught:
        dialog.save()
    assert caught.value.errors["author_ids"] == "Tổng tỷ lệ đóng góp của các tác giả là 110%, vượt quá 100%"


def test_f2_and_enter_on_a_row_open_the_initiative_of_that_unit(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    opened = []
    monkeypatch.setattr(InitiativeDialog, "exec", lambda d: opened.append(d) or 0)  # opened, then cancelled
    page.select_where(lambda s: s.participant.unit_code == "P10")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert [d.title.text() for d in opened] == ["Tra cứu hồ sơ bằng mã QR"]
    page.select_where(lambda s: s.participant.unit_code == "NV")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened[1].windowTitle() == "Đăng ký mô hình, sáng kiến, giải pháp"
    assert opened[1].unit.text() == "Phòng Nội vụ (NV)"


def test_cancelling_the_initiative_dialog_with_changes_asks_first(qtbot, campaign_db, answers):
    campaign, dialog = _initiative_dialog(qtbot, campaign_db, "NV")
    dialog.reject()
    assert answers.asked == [] and not dialog.isVisible()
    dialog.show()
    dialog.description.setPlainText("Triển khai tại bộ phận một cửa")
    answers.confirm_answer = False
    dialog.reject()
    assert answers.asked == ["Bạn đã sửa nhưng chưa lưu. Bỏ các thay đổi này?"]
    assert dialog.isVisible()


# The campaign dialog.
def test_a_new_campaign_starts_with_the_default_fields_and_every_active_unit(qtbot, campaign_db):
    dialog = CampaignDialog(campaign_db, today=dt.date(2019, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.fields.values() == list(DEFAULT_FIELDS)
    assert dialog.year.value() == 2019
    units = _units(campaign_db)
    assert sorted(dialog.units.checked_ids()) == sorted(units[c].id for c in ("NV", "P01", "P10"))
    dialog.units.none_button.click()
    assert dialog.units.checked_ids() == []
    dialog.units.all_button.click()
    dialog.units.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # NV, first by code
    dialog.name.setText("Phong trào “Dân vận khéo” năm 2019")
    dialog.start_date.setText("01/03/2019")
    dialog.registration_deadline.setText("15/03/2019")
    dialog.report_deadline.setText("30/11/2019")
    dialog.fields.list.setCurrentRow(0)
    dialog.fields.remove_button.click()
    assert dialog.try_save()
    campaign = list_campaigns(campaign_db)[0]
    assert (campaign.name, campaign.year, campaign.fields) == (
        "Phong trào “Dân vận khéo” năm 2019", 2019, DEFAULT_FIELDS[1:])
    assert [p.unit_code for p in participants(campaign_db, campaign.id)] == ["P01", "P10"]


def test_the_deadline_wording_is_chosen_in_the_dialog_and_shown_beside_the_deadlines(qtbot, campaign_db, tmp_path):
    """Issue 13: "chậm nhất ngày X" (the default, as before) or "trước ngày X"."""
    dialog = CampaignDialog(campaign_db, today=dt.date(2019, 3, 1))
    qtbot.addWidget(dialog)
    assert dialog.deadline_day_counts.value() is True
    assert dialog.deadline_day_counts.currentText() == "“chậm nhất ngày X”: nộp đúng ngày hạn vẫn là đúng hạn"
    dialog.deadline_day_counts.set_value(False)
    dialog.name.setText("Phong trào “Dân vận khéo” năm 2019")
    dialog.start_date.setText("01/03/2019")
    dialog.registration_deadline.setText("15/03/2019")
    dialog.report_deadline.setText("30/11/2019")
    assert dialog.try_save()
    campaign = list_campaigns(campaign_db)[0]
    assert campaign.deadline_day_counts is False
    edit = CampaignDialog(campaign_db, campaign)
    qtbot.addWidget(edit)
    assert edit.deadline_day_counts.currentText() == "“trước ngày X”: nộp đúng ngày hạn là trễ hạn"
    page = _page(qtbot, campaign_db, tmp_path)
    page.campaign_combo.set_value(campaign.id)
    assert "Hạn đăng ký trước ngày 15/03/2019  ·  Hạn báo cáo kết quả trước ngày 30/11/2019" in page.info.text()
    # The tracking table's "Hạn" column words each unit's deadline the same way.
    deadlines = {row[M.COL_DEADLINE] for row in _rows(page).values()}
    assert deadlines == {"trước ngày 15/03/2019"}


def test_campaign_deadline_before_the_start_is_refused_beside_the_field(qtbot, campaign_db):
    dialog = CampaignDialog(campaign_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Đợt thi đua chào mừng ngày Nhà giáo Việt Nam")
    dialog.start_date.setText("02/11/2018")
    dialog.registration_deadline.setText("01/11/2018")
    dialog.report_deadline.setText("27/01/2019")
    assert not dialog.try_save()
    assert dialog.form.error_text("registration_deadline") == "Hạn đăng ký phải từ ngày bắt đầu (02/11/2018) trở đi"
    assert dialog.form.error_text("name") == ""
    assert dialog.isVisible()
    assert len(list_campaigns(campaign_db)) == 1


def test_adding_and_editing_a_campaign_from_the_page(qtbot, campaign_db, tmp_path, monkeypatch):
    page = _page(qtbot, campaign_db, tmp_path)

    def fill(d):
        if d.campaign is None:
            d.name.setText("Đợt thi đua năm 2019")
            d.start_date.setText("01/03/2019")
            d.registration_deadline.setText("15/03/2019")
            d.report_deadline.setText("30/11/2019")
        else:
            d.max_per_unit.setValue(2)

    _accept_with(monkeypatch, CampaignDialog, fill)
    page.add_campaign_action.trigger()
    items = [page.campaign_combo.itemText(i) for i in range(page.campaign_combo.count())]
    assert items == ["2019 - Đợt thi đua năm 2019", "2018 - Đợt thi đua cao điểm về Cải cách hành chính"]
    assert page.campaign_combo.currentIndex() == 0
    assert page.counts.chip_text(None) == "Tất cả: 3 đơn vị"
    page.edit_campaign_action.trigger()
    assert "tối đa 2 mô hình" in page.info.text()
    page.undo.undo()
    assert list_campaigns(campaign_db)[0].max_per_unit == 1


def test_a_campaign_with_initiatives_cannot_be_deleted(qtbot, campaign_db, tmp_path, answers):
    page = _page(qtbot, campaign_db, tmp_path)
    page.delete_campaign_action.trigger()
    assert answers.errors == ["Không thể xóa đợt thi đua vì đã có 2 mô hình, sáng kiến, giải pháp đăng ký"]
    assert len(list_campaigns(campaign_db)) == 1


def test_deleting_an_empty_campaign_can_be_undone_with_its_late_joiner(qtbot, sample_db, tmp_path, answers):
    campaign = save_campaign(sample_db, Campaign(name="Đợt thi đua quý IV", year=2018, start_date=START,
                                                 registration_deadline=REGISTRATION, report_deadline=REPORT),
                             [_units(sample_db)["P01"].id])
    add_participant(sample_db, campaign.id, _units(sample_db)["NV"].id, dt.date(2018, 11, 10))
    page = _page(qtbot, sample_db, tmp_path)
    page.delete_campaign_action.trigger()
    assert answers.asked == ["Xóa hẳn đợt thi đua “2018 - Đợt thi đua quý IV” cùng danh sách 2 đơn vị tham gia?"]
    assert list_campaigns(sample_db) == []
    assert "Chưa có đợt thi đua nào" in page.info.text()
    assert not page.edit_action.isEnabled()
    page.undo.undo()
    page.reload()
    restored = list_campaigns(sample_db)[0]
    assert [(p.unit_code, p.joined_on, p.own_deadlines, p.registration_deadline)
            for p in participants(sample_db, restored.id)] == [
        ("NV", dt.date(2018, 11, 10), True, dt.date(2018, 11, 11)),
        ("P01", START, False, REGISTRATION),
    ]


def _new_campaign(qtbot, db, name, start="01/03/2018"):
    dialog = CampaignDialog(db, today=dt.date(2019, 3, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText(name)
    dialog.start_date.setText(start)
    dialog.registration_deadline.setText("15/03/2019")
    dialog.report_deadline.setText("30/11/2019")
    return dialog


def test_a_second_campaign_of_the_same_name_and_year_is_saved_only_after_confirmation(qtbot, campaign_db, answers):
    dialog = _new_campaign(qtbot, campaign_db, "đợt thi đua cao điểm về cải cách HÀNH CHÍNH")
    assert dialog.year.value() == 2018
    answers.confirm_answer = False
    assert not dialog.try_save()
    assert dialog.form.error_text("name") == (
        "Năm 2018 đã có đợt thi đua cùng tên: hãy đổi tên, hoặc lưu lại và chọn “Vẫn lưu”")
    assert answers.asked == [
        "Năm 2018 đã có đợt thi đua “đợt thi đua cao điểm về cải cách HÀNH CHÍNH”. Vẫn lưu thêm một đợt cùng tên?"]
    assert len(list_campaigns(campaign_db)) == 1
    answers.confirm_answer = True
    assert dialog.try_save()
    assert [c.year for c in list_campaigns(campaign_db)] == [2018, 2018]


def test_the_same_campaign_name_in_another_year_or_an_unchanged_edit_asks_nothing(qtbot, campaign_db, answers):
    assert _new_campaign(qtbot, campaign_db, "Đợt thi đua cao điểm về Cải cách hành chính", "01/03/2019").try_save()
    old = next(c for c in list_campaigns(campaign_db) if c.year == 2018)
    save_campaign(campaign_db, Campaign(  # a twin accepted earlier
        name=old.name, year=2018, start_date=old.start_date, registration_deadline=old.registration_deadline,
        report_deadline=old.report_deadline))
    dialog = CampaignDialog(campaign_db, old)
    qtbot.addWidget(dialog)
    dialog.max_per_unit.setValue(3)
    assert dialog.try_save()
    assert answers.asked == []
