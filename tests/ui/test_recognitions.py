"""Recognising initiatives (issue 13): from an initiative of the campaign, and outside any campaign,
shown in the tracking table from the day of the decision."""
import datetime as dt

from models.campaigns.campaigns import list_campaigns
from models.campaigns.initiatives import list_initiatives
from models.campaigns.recognitions import list_recognitions
from models.common.codes import AuthorRole, RecognitionBody, RecognitionScope
from models.people.staff import list_staff
from ui.campaigns.initiative_dialog import InitiativeDialog
from ui.campaigns.recognition_dialog import OUTSIDE, RecognitionDialog, RecognitionsDialog

from .campaign_fixtures import (  # noqa: F401  (campaign_db is a fixture)
    M, _accept_with, _page, _rows, _units, campaign_db,
)

TODAY = dt.date(2019, 3, 1)


def _p01_initiative(db):
    campaign = list_campaigns(db)[0]
    return campaign, next(i for i in list_initiatives(db, campaign.id) if i.unit_code == "P01")


def test_a_campaign_initiative_is_recognised_from_its_dialog_and_shown_in_the_tracking(
        qtbot, campaign_db, tmp_path, monkeypatch):
    campaign, initiative = _p01_initiative(campaign_db)
    dialog = InitiativeDialog(campaign_db, campaign, initiative=initiative, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.recognitions.text() == "<i>Chưa được công nhận là sáng kiến</i>"

    def fill(d):
        d.show()
        d.body.set_value(RecognitionBody.CO_SO)
        d.decision_number.setText("12/QĐ-HĐSK")
        d.decision_date.setText("01/11/2018")  # before the campaign started: refused beside the field
        assert not d.try_save()
        assert d.form.error_text("decision_date") == (
            "Ngày quyết định công nhận 01/11/2018 trước ngày bắt đầu đợt thi đua (02/11/2018): kiểm tra lại ngày, "
            "tháng, năm")
        d.decision_date.setText("20/12/2018")
        d.scope.set_value(RecognitionScope.QUAN)

    _accept_with(monkeypatch, RecognitionDialog, fill)
    dialog.recognise_button.click()
    assert dialog.recognitions.text() == ("Hội đồng sáng kiến cơ sở: Quyết định số 12/QĐ-HĐSK ngày 20/12/2018, "
                                          "phạm vi toàn quận/phường")
    (saved,) = list_recognitions(campaign_db)
    assert (saved.initiative_id, saved.decision_date) == (initiative.id, dt.date(2018, 12, 20))
    page = _page(qtbot, campaign_db, tmp_path, as_of=dt.date(2018, 12, 19))
    assert _rows(page)["P01"][M.COL_RECOGNITION] == ""  # not decided yet on that day
    page.set_as_of(dt.date(2018, 12, 20))
    assert _rows(page)["P01"][M.COL_RECOGNITION] == "Cơ sở - 12/QĐ-HĐSK, 20/12/2018"


def test_a_new_initiative_is_saved_before_it_can_be_recognised(qtbot, campaign_db):
    campaign = list_campaigns(campaign_db)[0]
    dialog = InitiativeDialog(campaign_db, campaign, today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.recognise_button.isEnabled()
    assert dialog.recognise_button.toolTip() == "Lưu mô hình trước rồi mới ghi nhận công nhận"


def test_an_initiative_outside_any_campaign_is_added_listed_and_deleted(qtbot, campaign_db, monkeypatch, answers):
    people = {p.code: p for p in list_staff(campaign_db)}
    dialog = RecognitionsDialog(campaign_db, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0

    def fill(d):
        d.show()
        d.title.setText("Sổ tay thủ tục hành chính bỏ túi")
        d.unit.set_value(_units(campaign_db)["NV"].id)
        d.authors.add_author(people["CB03"].id)
        d.body.set_value(RecognitionBody.QUAN)
        d.decision_number.setText("45/QĐ-UBND")
        d.decision_date.setText("10/06/2019")  # in the future on TODAY
        assert not d.try_save()
        assert d.form.error_text("decision_date") == "Ngày quyết định 10/06/2019 ở tương lai"
        d.decision_date.setText("10/01/2019")

    _accept_with(monkeypatch, RecognitionDialog, fill)
    dialog.add_button.click()
    (saved,) = list_recognitions(campaign_db)
    assert (saved.title, saved.initiative_id, [(a.staff_id, a.role) for a in saved.authors]) == (
        "Sổ tay thủ tục hành chính bỏ túi", None, [(people["CB03"].id, AuthorRole.CHU_TRI)])
    model = dialog.model
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "Sổ tay thủ tục hành chính bỏ túi", "Phòng Nội vụ", OUTSIDE, "Hội đồng sáng kiến cấp quận/phường",
        "Quyết định số 45/QĐ-UBND ngày 10/01/2019", "Trong cơ quan, đơn vị"]
    dialog.table.selectRow(0)
    dialog.delete_button.click()
    assert answers.asked[-1] == "Xóa công nhận “Sổ tay thủ tục hành chính bỏ túi” (Quyết định số 45/QĐ-UBND ngày " \
                                "10/01/2019)?"
    assert list_recognitions(campaign_db) == [] and dialog.model.rowCount() == 0
