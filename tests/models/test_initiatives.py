"""Initiatives (mô hình, sáng kiến, giải pháp): registering, reporting, assessing, with authors."""
import datetime as dt
from dataclasses import replace

import pytest

from models.campaigns.campaigns import Campaign, save_campaign
from models.common.codes import Assessment, Gender, InitiativeKind, StaffCategory
from models.common.errors import NotFound, ValidationError
from models.campaigns.initiatives import (
    Initiative,
    delete_initiative,
    get_initiative,
    list_initiatives,
    match_field,
    save_initiative,
)
from models.people.staff import Staff, add_staff

from .units_data import NV, P01, P03, save_units
from .db_rows import rows_of

TODAY = dt.date(2019, 3, 1)
TABLES = ("campaign", "campaign_field", "campaign_unit", "initiative", "initiative_author")
FIELDS = ("Dân vận khéo và thực hiện quy chế dân chủ cơ sở", "Giải quyết hồ sơ đúng hạn, trước hạn")


def _dump(db):
    return rows_of(db, TABLES)


@pytest.fixture
def council(db):
    """Units P01, P03 (in the campaign) and NV (not in it), two staff of P01, one campaign (max 1)."""
    units = save_units(db, [P01, P03, NV])
    staff = [
        add_staff(db, Staff(code=code, full_name=name, gender=gender, category=StaffCategory.CONG_CHUC,
                            unit_id=units["P01"].id, recruited_on=dt.date(2010, 1, 1)), TODAY)
        for code, name, gender in [("CB01", "Nguyễn Văn An", Gender.NAM), ("CB02", "Trần Thị Bình", Gender.NU)]
    ]
    campaign = save_campaign(db, Campaign(
        name="Đợt thi đua cao điểm về Cải cách hành chính", year=2018, start_date=dt.date(2018, 11, 2),
        registration_deadline=dt.date(2018, 11, 3), report_deadline=dt.date(2019, 1, 27), fields=FIELDS,
    ), unit_ids=[units["P01"].id, units["P03"].id])
    return db, units, staff, campaign


def _initiative(campaign, unit, **kw):
    values = dict(
        campaign_id=campaign.id, unit_id=unit.id, title="Mô hình “Dân vận khéo” trong chỉnh trang đô thị",
        kind=InitiativeKind.MO_HINH, registered_on=dt.date(2018, 11, 3),
    )
    values.update(kw)
    return Initiative(**values)


def test_save_initiative_registers_it_with_its_authors(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(
        campaign, units["P01"], field=FIELDS[0], description=" Vận động người dân ",
        author_ids=(staff[1].id, staff[0].id, staff[1].id),
    ), TODAY)
    assert saved.id is not None
    assert (saved.unit_code, saved.unit_name) == ("P01", "Ủy ban nhân dân Phường 1")
    assert saved.author_ids == (staff[1].id, staff[0].id)
    assert saved.kind_label == "Mô hình"
    assert saved.assessment_label == ""
    assert saved.description == "Vận động người dân"
    assert db.execute(
        "SELECT campaign_id, unit_id, title, title_folded, kind, field, registered_on, reported_on, "
        "assessment, recognised FROM initiative"
    ).fetchall() == [
        (campaign.id, units["P01"].id, "Mô hình “Dân vận khéo” trong chỉnh trang đô thị",
         "mo hinh “dan van kheo” trong chinh trang do thi", "mo_hinh", FIELDS[0], "2018-11-03", None,
         None, 0)
    ]
    assert db.execute("SELECT staff_id FROM initiative_author ORDER BY rowid").fetchall() == [
        (staff[1].id,), (staff[0].id,),
    ]


def test_save_initiative_updates_the_report_assessment_and_authors(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(campaign, units["P01"], author_ids=(staff[0].id,)), TODAY)
    updated = save_initiative(db, replace(
        saved, title="  Dân vận   khéo ", kind=InitiativeKind.GIAI_PHAP, reported_on=dt.date(2019, 1, 27),
        result_summary=" Đã triển khai ở 5 khu phố ", assessment=Assessment.TIEU_BIEU,
        assessment_note="Có thể nhân rộng", recognised=True, author_ids=(staff[1].id,),
    ), TODAY)
    assert updated.id == saved.id
    assert (updated.title, updated.kind, updated.reported_on, updated.result_summary) == (
        "Dân vận khéo", InitiativeKind.GIAI_PHAP, dt.date(2019, 1, 27), "Đã triển khai ở 5 khu phố",
    )
    assert (updated.assessment, updated.assessment_label, updated.recognised) == (
        Assessment.TIEU_BIEU, "Tiêu biểu xuất sắc", True,
    )
    assert updated.author_ids == (staff[1].id,)
    assert db.execute("SELECT count(*) FROM initiative").fetchone() == (1,)
    assert db.execute("SELECT initiative_id, staff_id FROM initiative_author").fetchall() == [
        (saved.id, staff[1].id)
    ]


def test_list_initiatives_gives_the_campaigns_initiatives_by_unit_code(council):
    db, units, staff, campaign = council
    save_initiative(db, _initiative(campaign, units["P03"], title="Một cửa liên thông"), TODAY)
    save_initiative(db, _initiative(campaign, units["P01"], title="Dân vận khéo",
                                    author_ids=(staff[0].id,)), TODAY)
    found = list_initiatives(db, campaign.id)
    assert [(i.unit_code, i.title, i.author_ids) for i in found] == [
        ("P01", "Dân vận khéo", (staff[0].id,)), ("P03", "Một cửa liên thông", ()),
    ]
    assert get_initiative(db, found[1].id) == found[1]


def test_delete_initiative_removes_it_and_its_authors(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(campaign, units["P01"], author_ids=(staff[0].id,)), TODAY)
    delete_initiative(db, saved.id)
    assert list_initiatives(db, campaign.id) == []
    assert db.execute("SELECT count(*) FROM initiative_author").fetchone() == (0,)
    with pytest.raises(NotFound, match="^Không tìm thấy mô hình, sáng kiến, giải pháp$"):
        get_initiative(db, saved.id)


def test_the_field_is_matched_ignoring_case_and_diacritics_to_the_offered_name(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(
        campaign, units["P01"], field="  giai quyet HO SO dung han,  truoc han "), TODAY)
    assert saved.field == "Giải quyết hồ sơ đúng hạn, trước hạn"
    assert match_field(FIELDS, "DÂN VẬN KHÉO VÀ THỰC HIỆN QUY CHẾ DÂN CHỦ CƠ SỞ") == FIELDS[0]
    assert match_field(FIELDS, "Dân vận") is None


def test_a_field_the_campaign_does_not_offer_is_refused(council):
    db, units, staff, campaign = council
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["P01"], field="Chuyển đổi số"), TODAY)
    assert caught.value.errors == {"field": "Lĩnh vực không có trong danh sách của đợt thi đua"}


def test_any_field_is_accepted_when_the_campaign_offers_none(council):
    db, units, staff, campaign = council
    save_campaign(db, replace(campaign, fields=()))
    saved = save_initiative(db, _initiative(campaign, units["P01"], field="Chuyển  đổi số"), TODAY)
    assert saved.field == "Chuyển đổi số"


def test_registered_and_reported_on_the_same_day_as_today_is_accepted(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(
        campaign, units["P01"], registered_on=TODAY, reported_on=TODAY), TODAY)
    assert (saved.registered_on, saved.reported_on) == (TODAY, TODAY)


@pytest.mark.parametrize(
    "changes, errors",
    [
        (
            dict(registered_on=dt.date(2018, 11, 20), reported_on=dt.date(2018, 11, 19)),
            {"reported_on": "Ngày báo cáo kết quả phải từ ngày đăng ký (20/11/2018) trở đi"},
        ),
        (dict(registered_on=dt.date(2019, 3, 2)), {"registered_on": "Ngày đăng ký 02/03/2019 ở tương lai"}),
        (
            dict(reported_on=dt.date(2019, 3, 2)),
            {"reported_on": "Ngày báo cáo kết quả 02/03/2019 ở tương lai"},
        ),
        (dict(registered_on=None), {"registered_on": "Chưa nhập ngày đăng ký"}),
        (
            dict(registered_on=None, reported_on=dt.date(2019, 1, 27)),
            {"registered_on": "Chưa nhập ngày đăng ký"},
        ),
        (dict(unit_id=999), {"unit_id": "Đơn vị không tham gia đợt thi đua này"}),
        (dict(title="   "), {"title": "Chưa nhập tên mô hình, sáng kiến, giải pháp"}),
        (dict(title="x" * 501), {"title": "Tên dài quá 500 ký tự"}),
        (dict(kind=None), {"kind": "Chưa chọn loại (Mô hình, Sáng kiến, Giải pháp)"}),
        (dict(assessment="Rất tốt"), {"assessment": "Đánh giá không hợp lệ"}),
        (dict(campaign_id=99), {"campaign_id": "Không có đợt thi đua số 99"}),
        (dict(unit_id=None), {"unit_id": "Chưa chọn đơn vị"}),
    ],
)
def test_a_wrong_initiative_is_refused_with_its_message_and_nothing_written(council, changes, errors):
    db, units, staff, campaign = council
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["P01"], author_ids=(staff[0].id,), **changes), TODAY)
    assert caught.value.errors == errors
    assert _dump(db) == before


def test_a_unit_that_does_not_participate_cannot_register(council):
    db, units, staff, campaign = council
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["NV"]), TODAY)
    assert caught.value.errors == {"unit_id": "Đơn vị không tham gia đợt thi đua này"}
    assert _dump(db) == before


def test_a_second_initiative_is_refused_when_the_campaign_allows_one(council):
    db, units, staff, campaign = council
    save_initiative(db, _initiative(campaign, units["P01"]), TODAY)
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["P01"], title="Một cửa liên thông",
                                        author_ids=(staff[0].id,)), TODAY)
    assert caught.value.errors == {
        "unit_id": "Đơn vị đã đăng ký 1 mô hình, sáng kiến, giải pháp trong đợt này (tối đa 1)"
    }
    assert _dump(db) == before


def test_updating_the_only_initiative_is_not_counted_as_a_second_one(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(campaign, units["P01"]), TODAY)
    assert save_initiative(db, replace(saved, title="Tên mới"), TODAY).title == "Tên mới"


def test_a_second_initiative_is_allowed_when_the_campaign_allows_two_but_not_a_third(council):
    db, units, staff, campaign = council
    save_campaign(db, replace(campaign, max_per_unit=2))
    save_initiative(db, _initiative(campaign, units["P01"], title="Dân vận khéo"), TODAY)
    save_initiative(db, _initiative(campaign, units["P01"], title="Một cửa liên thông"), TODAY)
    assert [i.title for i in list_initiatives(db, campaign.id)] == ["Dân vận khéo", "Một cửa liên thông"]
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["P01"], title="Số hóa hồ sơ"), TODAY)
    assert caught.value.errors == {
        "unit_id": "Đơn vị đã đăng ký 2 mô hình, sáng kiến, giải pháp trong đợt này (tối đa 2)"
    }
    assert _dump(db) == before


def test_the_limit_is_per_unit(council):
    db, units, staff, campaign = council
    save_initiative(db, _initiative(campaign, units["P01"]), TODAY)
    save_initiative(db, _initiative(campaign, units["P03"]), TODAY)
    assert [i.unit_code for i in list_initiatives(db, campaign.id)] == ["P01", "P03"]


def test_a_wrong_update_leaves_the_initiative_and_its_authors_as_they_were(council):
    db, units, staff, campaign = council
    saved = save_initiative(db, _initiative(campaign, units["P01"], author_ids=(staff[0].id,)), TODAY)
    before = _dump(db)
    with pytest.raises(ValidationError):
        save_initiative(db, replace(saved, reported_on=dt.date(2018, 11, 1), author_ids=(staff[1].id,)), TODAY)
    assert _dump(db) == before


def test_updating_an_initiative_that_does_not_exist_writes_nothing(council):
    db, units, staff, campaign = council
    before = _dump(db)
    with pytest.raises(NotFound, match="^Không tìm thấy mô hình, sáng kiến, giải pháp$"):
        save_initiative(db, _initiative(campaign, units["P01"], id=42, author_ids=(staff[0].id,)), TODAY)
    assert _dump(db) == before


# --- authors' roles and shares (issue 13) ------------------------------------------------------


def test_authors_keep_their_role_and_share_and_ids_alone_make_the_first_one_chu_tri(council):
    from models.campaigns.initiatives import Author
    from models.common.codes import AuthorRole

    db, units, staff, campaign = council
    given = (Author(staff[1].id, AuthorRole.THAM_GIA, 25), Author(staff[0].id, AuthorRole.CHU_TRI, 75))
    saved = save_initiative(db, _initiative(campaign, units["P01"], authors=given), TODAY)
    assert saved.authors == given and saved.author_ids == (staff[1].id, staff[0].id)
    assert db.execute("SELECT staff_id, role, share FROM initiative_author ORDER BY rowid").fetchall() == [
        (staff[1].id, "tham_gia", 25.0), (staff[0].id, "chu_tri", 75.0)]
    # Code that knows only author_ids (written before roles) still works: the first one leads.
    again = save_initiative(db, replace(saved, author_ids=(staff[0].id,)), TODAY)
    assert again.authors == (Author(staff[0].id, AuthorRole.CHU_TRI, None),)


@pytest.mark.parametrize("authors, message", [
    (((0, "tham_gia", None),), "Cần có ít nhất một tác giả chủ trì"),
    (((0, "chu_tri", 0),), "Tỷ lệ đóng góp của tác giả phải lớn hơn 0% và không quá 100%"),
    (((0, "chu_tri", 101),), "Tỷ lệ đóng góp của tác giả phải lớn hơn 0% và không quá 100%"),
    (((0, "chu_tri", 60.5), (1, "tham_gia", 40)), "Tổng tỷ lệ đóng góp của các tác giả là 100,5%, vượt quá 100%"),
])
def test_wrong_roles_or_shares_are_refused_and_nothing_is_written(council, authors, message):
    from models.campaigns.initiatives import Author
    from models.common.codes import AuthorRole

    db, units, staff, campaign = council
    records = tuple(Author(staff[n].id, AuthorRole(role), share) for n, role, share in authors)
    before = _dump(db)
    with pytest.raises(ValidationError) as caught:
        save_initiative(db, _initiative(campaign, units["P01"], authors=records), TODAY)
    assert caught.value.errors == {"author_ids": message}
    assert _dump(db) == before


def test_exactly_100_percent_between_authors_is_accepted(council):
    from models.campaigns.initiatives import Author
    from models.common.codes import AuthorRole

    db, units, staff, campaign = council
    records = (Author(staff[0].id, AuthorRole.CHU_TRI, 60), Author(staff[1].id, AuthorRole.THAM_GIA, 40))
    assert save_initiative(db, _initiative(campaign, units["P01"], authors=records), TODAY).authors == records
