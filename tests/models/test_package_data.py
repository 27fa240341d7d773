"""Who decides each award (the authority table), the number series, the council's members, meetings,
votes and thresholds, the certificates' form settings, and the leaders' order."""
import datetime as dt

import pytest

from models.common.errors import DomainError, ValidationError
from models.common.text import joined_lower, position_rank
from models.common.codes import CouncilLevel
from models.store.council_wording import level_wording
from models.store.settings import CouncilNames, set_council_names
from models.yearend.authority import (
    COUNCIL, HIGHER, LOCAL, Authority, authority, authority_table, document_number, legal_bases, next_number,
    sentence_case, set_authority, take_number,
)
from models.yearend.certificate_form import PREPRINTED, CertificateForm, certificate_form, set_certificate_form
from tests.cli_helpers import demo  # noqa: F401  (fixture)
from models.yearend.meeting import (
    Meeting, Member, Vote, check_vote, meeting, meeting_key, members, percent_text, save_meeting, save_members,
    set_threshold, threshold,
)


def test_by_default_the_peoples_committee_chairman_decides_the_titles_and_the_city_the_excellent_collectives(db):
    table = {a.award: a for a in authority_table(db, 2024)}
    assert table["ldtt"].level == LOCAL and table["ldtt"].decider == "Chủ tịch Ủy ban nhân dân quận Gò Vấp"
    assert table["ldtt"].symbol == "QĐ-UBND" and table["ldtt"].body == "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP"
    assert "06/2022/QH15, Điều 80 khoản 2" in table["cstdcs"].legal_basis
    assert table["ttldxs"].level == HIGHER and not table["ttldxs"].decides_here
    assert table["ttldxs"].decider == "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert table["commendation"].level == COUNCIL and table["commendation"].symbol == "QĐ-HĐTĐKT"
    assert table["commendation"].decider == "Chủ tịch Hội đồng Thi đua - Khen thưởng quận Gò Vấp"
    assert "Nghị định 91/2017/NĐ-CP" in authority(db, 2018, "ldtt").legal_basis


def test_the_defaults_follow_the_councils_names(db):
    set_council_names(db, CouncilNames(parent_body="ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI ĐÔNG", place="An Hội Đông"))
    assert authority(db, 2026, "ldtt").decider == "Chủ tịch Ủy ban nhân dân phường An Hội Đông"
    assert sentence_case("ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", "Gò Vấp") == "Ủy ban nhân dân quận Gò Vấp"


def test_a_ward_chairman_decides_only_the_advanced_workers_and_the_rest_goes_to_the_city(db):
    """Luật 06/2022/QH15 Điều 80 khoản 3: the commune-level chairman decides "Lao động tiên tiến" and
    giấy khen; Chiến sĩ thi đua cơ sở and Tập thể lao động tiên tiến go higher (khoản 2 names the district)."""
    set_council_names(db, level_wording(CouncilNames(area_name="An Hội Đông"), CouncilLevel.WARD))
    table = {a.award: a for a in authority_table(db, 2025)}
    assert table["ldtt"].level == LOCAL and table["ldtt"].decider == "Chủ tịch Ủy ban nhân dân phường An Hội Đông"
    assert table["ldtt"].body == "ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI ĐÔNG" and table["ldtt"].symbol == "QĐ-UBND"
    assert "Điều 80 khoản 3" in table["ldtt"].legal_basis
    for award in ("cstdcs", "ttldtt", "ttldxs"):
        assert table[award].level == HIGHER, award
        assert table[award].decider == "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert "cấp xã chỉ quyết định “Lao động tiên tiến” và giấy khen" in table["cstdcs"].legal_basis
    assert table["commendation"].level == COUNCIL
    # A year's own row still wins over the level's default.
    set_authority(db, Authority("cstdcs", 2025, LOCAL, "", "", "QĐ-UBND"))
    assert authority(db, 2025, "cstdcs").decider == "Chủ tịch Ủy ban nhân dân phường An Hội Đông"
    assert authority(db, 2024, "cstdcs").level == HIGHER


def test_a_department_director_decides_its_titles_under_his_own_symbol(db):
    """Điều 80 khoản 1: the head of a province's specialised agency decides the three titles."""
    set_council_names(db, level_wording(CouncilNames(area_name="Giáo dục và Đào tạo"), CouncilLevel.DEPARTMENT))
    table = {a.award: a for a in authority_table(db, 2025)}
    for award in ("ldtt", "cstdcs", "ttldtt"):
        assert table[award].level == LOCAL and table[award].decider == "Giám đốc Sở Giáo dục và Đào tạo"
        assert table[award].symbol == "QĐ-SGDĐT" and table[award].signer_title == "GIÁM ĐỐC"
        assert "Điều 80 khoản 1" in table[award].legal_basis
    assert table["ttldxs"].level == HIGHER
    bases = legal_bases(2026, LOCAL, "Sở Giáo dục và Đào tạo")
    assert bases[0].startswith("Căn cứ Quyết định số ........ của Ủy ban nhân dân Thành phố Hồ Chí Minh quy định "
                               "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Giáo dục và Đào tạo")
    assert not any("chính quyền địa phương" in line for line in bases)


def test_an_edited_authority_applies_from_its_year_on(db):
    set_authority(db, Authority("cstdcs", 2025, HIGHER, "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh", "",
                                "QĐ-UBND"))
    assert authority(db, 2024, "cstdcs").level == LOCAL
    changed = authority(db, 2026, "cstdcs")
    assert changed.level == HIGHER and changed.from_year == 2025
    # An empty text keeps the default of the row's level: here the city's, not the district's.
    assert changed.body == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    with pytest.raises(ValidationError) as caught:
        set_authority(db, Authority("ldtt", 1990, "nobody", "", "", " "))
    assert caught.value.errors == {
        "from_year": "Năm “1990” không hợp lệ (từ 2000 đến 2100)",
        "level": "Cấp quyết định phải là: Ủy ban nhân dân cùng cấp, Hội đồng, hoặc cấp trên",
        "symbol": "Ký hiệu văn bản (ví dụ “QĐ-UBND”) không được để trống"}


def test_numbers_are_zero_padded_below_ten_and_each_issuer_keeps_its_own_book_per_year(db):
    assert document_number(8, "QĐ-UBND") == "08/QĐ-UBND" and document_number("12", "QĐ-UBND") == "12/QĐ-UBND"
    assert document_number("8/QĐ-UBND", "x") == "08/QĐ-UBND" and document_number("", "QĐ-UBND") == ""
    assert take_number(db, "QĐ-UBND", 2019, "Công nhận Lao động tiên tiến") == "01/QĐ-UBND"
    assert take_number(db, "QĐ-UBND", 2019, "Công nhận Chiến sĩ thi đua cơ sở") == "02/QĐ-UBND"
    assert take_number(db, "TTr-HĐTĐKT", 2019, "Tờ trình") == "01/TTr-HĐTĐKT"
    assert next_number(db, "QĐ-UBND", 2020) == 1 and next_number(db, "QĐ-UBND", 2019) == 3
    with pytest.raises(DomainError, match="Số 02/QĐ-UBND năm 2019 đã được dùng trong sổ văn bản"):
        take_number(db, "QĐ-UBND", 2019, "Trùng", number=2)


def test_the_packages_documents_take_their_numbers_from_the_councils_books_in_one_transaction(db):
    from models.yearend.package import Package, document_subject, suggested_number, take_package_numbers
    from models.store.settings import council_names

    package = Package(2025, None, "", council_names(db), (), Meeting("year:2025"), (), dt.date(2025, 12, 31))
    day = dt.date(2026, 1, 12)
    take_number(db, "TTr-HĐTĐKT", 2026, "Tờ trình khác")
    assert suggested_number(db, package, "TTr-HĐTĐKT", day) == "02/TTr-HĐTĐKT"
    assert suggested_number(db, package, "BB-HĐTĐKT", day) == "01/BB-HĐTĐKT"
    with pytest.raises(DomainError, match="Tờ trình: Số văn bản “2/BB-HĐTĐKT” không hợp lệ"):
        take_package_numbers(db, package, {"TTr-HĐTĐKT": "2/BB-HĐTĐKT", "BB-HĐTĐKT": "1"}, day)
    with pytest.raises(DomainError, match="Số 01/TTr-HĐTĐKT năm 2026 đã được dùng"):
        take_package_numbers(db, package, {"BB-HĐTĐKT": "1", "TTr-HĐTĐKT": "1"}, day)
    assert db.execute("SELECT count(*) FROM document_register").fetchone()[0] == 1  # nothing half-written
    numbered = take_package_numbers(db, package, {"TTr-HĐTĐKT": "02/TTr-HĐTĐKT", "BB-HĐTĐKT": ""}, day)
    assert numbered.number("TTr-HĐTĐKT").text == "02/TTr-HĐTĐKT" and numbered.number("TTr-HĐTĐKT").issued_on == day
    assert numbered.number("BB-HĐTĐKT") is None  # left blank: no number taken, the minutes print a blank
    row = db.execute("SELECT subject, year, issued_on FROM document_register WHERE number = 2").fetchone()
    assert row == (document_subject(package, "TTr-HĐTĐKT"), 2026, "2026-01-12")
    assert row[0] == "Tờ trình - danh hiệu thi đua năm 2025"
    again = take_package_numbers(db, numbered, {"TTr-HĐTĐKT": "5"}, day)  # taken once: kept
    assert again.number("TTr-HĐTĐKT").text == "02/TTr-HĐTĐKT"
    assert suggested_number(db, again, "TTr-HĐTĐKT", dt.date(2027, 1, 1)) == "02/TTr-HĐTĐKT"


def _campaign_package(db, name, year):
    from models.campaigns.campaigns import Campaign, save_campaign
    from models.store.settings import council_names
    from models.yearend.package import Package

    campaign = save_campaign(db, Campaign(name=name, year=year, start_date=dt.date(year, 3, 1),
                                          registration_deadline=dt.date(year, 3, 15),
                                          report_deadline=dt.date(year, 11, 30)), unit_ids=[])
    return campaign, Package(year, campaign.id, campaign.name, council_names(db), (),
                             Meeting(f"campaign:{campaign.id}"), (), dt.date(year, 12, 1))


def test_a_campaigns_numbers_stay_with_it_when_renamed_and_are_not_another_campaigns_of_that_name(db):
    from dataclasses import replace

    from models.campaigns.campaigns import save_campaign
    from models.yearend.package import _with_numbers, take_package_numbers

    name = "Đợt thi đua cao điểm cải cách hành chính"
    first, package = _campaign_package(db, name, 2018)
    numbered = take_package_numbers(db, package, {"TTr-HĐTĐKT": "3", "BB-HĐTĐKT": "4"}, dt.date(2018, 12, 5))
    renamed = save_campaign(db, replace(first, name=name + " năm 2018"))
    again = _with_numbers(db, replace(numbered, campaign_name=renamed.name, numbers={}))
    assert again.number("TTr-HĐTĐKT").text == "03/TTr-HĐTĐKT" and again.number("BB-HĐTĐKT").text == "04/BB-HĐTĐKT"
    _second, other = _campaign_package(db, name + " năm 2018", 2019)  # the first one's new name, a year later
    assert _with_numbers(db, other).numbers == {}
    _third, same_name = _campaign_package(db, name, 2019)  # the first one's old name
    assert _with_numbers(db, same_name).numbers == {}


def test_numbers_taken_before_the_about_column_are_matched_to_their_year_or_campaign(db):
    from models.store.schema_documents import add_register_about

    older, _package = _campaign_package(db, "Phong trào thi đua", 2017)
    newer, _package = _campaign_package(db, "Phong trào thi đua", 2018)
    for action in ("insert", "update", "delete"):  # the history triggers name every column (made after migrating)
        db.execute(f"DROP TRIGGER temp.log_document_register_{action}")
    db.execute("ALTER TABLE document_register DROP COLUMN about")
    rows = [("TTr-HĐTĐKT", 2019, 1, "Tờ trình - danh hiệu thi đua năm 2018", None),
            ("TTr-HĐTĐKT", 2018, 2, "Tờ trình - Phong trào thi đua", None),  # the one begun last that year
            ("BB-HĐTĐKT", 2018, 3, "Biên bản họp - Phong trào thi đua", "2018-01-20"),  # 2018's not begun yet
            ("BB-HĐTĐKT", 2016, 4, "Biên bản họp - Phong trào thi đua", None),  # none begun: none
            ("BB-HĐTĐKT", 2018, 1, "Biên bản họp - Không còn đợt nào tên này", None),
            ("QĐ-UBND", 2018, 7, "Công nhận Lao động tiên tiến", None)]
    db.conn.executemany("INSERT INTO document_register (symbol, year, number, subject, issued_on) "
                        "VALUES (?, ?, ?, ?, ?)", rows)
    add_register_about(db)
    assert db.execute("SELECT number, about FROM document_register ORDER BY id").fetchall() == [
        (1, "year:2018"), (2, f"campaign:{newer.id}"), (3, f"campaign:{older.id}"), (4, ""), (1, ""), (7, "")]


def test_the_legal_basis_follows_the_law_in_force_on_the_decision_year():
    assert any("15 tháng 6 năm 2022" in line for line in legal_bases(2024, LOCAL))
    assert any("98/2023/NĐ-CP" in line for line in legal_bases(2025, LOCAL))
    assert any("91/2017/NĐ-CP" in line for line in legal_bases(2019, LOCAL))
    assert not any("chính quyền địa phương" in line for line in legal_bases(2019, COUNCIL))


def _members(db):
    save_members(db, [Member("Nguyễn Văn An", "Chủ tịch"), Member("Trần Thị Bình"), Member("Lê Văn Cường")])
    return members(db)


def test_votes_must_add_up_and_nothing_is_written_when_they_do_not(db):
    people = _members(db)
    key = meeting_key(year=2018)
    bad = Meeting(key, dt.date(2019, 1, 10), present=frozenset(m.id for m in people[:2]),
                  votes={"ldtt": Vote("ldtt", 3, 2, 2, 1), "cstdcs": Vote("cstdcs", 2, 2, 1, 2)})
    with pytest.raises(ValidationError) as caught:
        save_meeting(db, bad)
    assert caught.value.errors == {
        "ldtt.issued": "Số phiếu phát ra (3) nhiều hơn số thành viên có mặt (2)",
        "cstdcs.agreed": "Số phiếu đồng ý (2) nhiều hơn số phiếu hợp lệ (1)"}
    assert db.execute("SELECT count(*) FROM council_meeting").fetchone()[0] == 0
    assert check_vote(Vote("x", 2, 3, 0, 0)) == {"returned": "Số phiếu thu vào (3) nhiều hơn số phiếu phát ra (2)"}
    assert check_vote(Vote("x", -1, 0, 0, 0)) == {"issued": "Số phiếu phát ra phải là số nguyên không âm"}


def test_a_meeting_is_stored_with_attendance_and_votes_and_read_back(db):
    people = _members(db)
    key = meeting_key(campaign_id=3)
    assert meeting(db, key).present == frozenset(m.id for m in people)  # new: everyone present
    saved = Meeting(key, dt.date(2019, 1, 10), "Phòng họp", "Nguyễn Văn An", "Lê Văn Cường", "Xét danh sách",
                    frozenset({people[0].id, people[2].id}), {"commendation": Vote("commendation", 2, 2, 2, 2)})
    save_meeting(db, saved)
    assert meeting(db, key) == saved
    assert meeting_key(year=2018) == "year:2018" and key == "campaign:3"


def test_thresholds_are_data_with_defaults_and_shares_are_of_the_whole_council(db):
    assert threshold(db, 2018, "cstdcs") == 70.0 and threshold(db, 2018, "ldtt") == 50.0
    set_threshold(db, "cstdcs", 2024, 90)
    assert threshold(db, 2023, "cstdcs") == 70.0 and threshold(db, 2024, "cstdcs") == 90.0
    with pytest.raises(ValidationError):
        set_threshold(db, "cstdcs", 2024, 120)
    assert Vote("x", 5, 5, 5, 5).share(7) == pytest.approx(71.428, rel=1e-3)
    assert percent_text(71.428) == "71,4%" and percent_text(80.0) == "80%"


def test_members_keep_their_order_and_a_removed_member_stays_for_old_minutes(db):
    first = _members(db)
    save_members(db, [first[2], Member("Phạm Thị Dung", "Ủy viên")])
    assert [m.full_name for m in members(db)] == ["Lê Văn Cường", "Phạm Thị Dung"]
    assert len(members(db, active_only=False)) == 4
    with pytest.raises(ValidationError) as caught:
        save_members(db, [Member(" ")])
    assert caught.value.errors == {"row1": "Dòng 1: họ và tên thành viên không được để trống"}


def test_the_certificate_form_and_its_offsets_are_a_setting(db):
    assert certificate_form(db) == CertificateForm()
    set_certificate_form(db, CertificateForm(PREPRINTED, 2.5, -1.0))
    assert certificate_form(db) == CertificateForm(PREPRINTED, 2.5, -1.0)
    with pytest.raises(ValidationError) as caught:
        set_certificate_form(db, CertificateForm("x", 60, 0))
    assert set(caught.value.errors) == {"mode", "dx_mm"}


def test_leaders_rank_before_the_others_chairman_first():
    ranks = [position_rank(p) for p in ("Chủ tịch", "Phó Chủ tịch", "Trưởng phòng", "Phó Trưởng phòng",
                                        "Chuyên viên", "Chủ tịch Công đoàn cơ sở")]
    assert ranks == [0, 1, 2, 3, 4, 0]
    assert position_rank("phó chủ tịch") == 1 and position_rank("") == 4


def test_reasons_join_in_lower_case_but_acronyms_stay():
    assert joined_lower(["Đăng ký trễ hạn", "Thực hiện không hiệu quả", "UBND không báo cáo"]) == \
        "Đăng ký trễ hạn; thực hiện không hiệu quả; UBND không báo cáo"


def test_in_a_title_list_each_units_leaders_come_first_by_rank_then_names(demo):
    from models.common.codes import TitleCode
    from models.common.text import name_sort_key
    from models.store.db import connect
    from models.yearend.titles import title_proposals

    database = connect(demo)
    try:
        entries = title_proposals(database, 2018).entries(TitleCode.LDTT)
    finally:
        database.close()
    by_group: dict[str, list] = {}
    for e in entries:
        by_group.setdefault(e.group, []).append(e)
    leaders_seen = 0
    for group, rows in by_group.items():
        keys = [(position_rank(e.position_unit), name_sort_key(e.name)) for e in rows]
        assert keys == sorted(keys), group
        leaders_seen += sum(1 for k in keys if k[0] < 4)
    assert leaders_seen > 10
