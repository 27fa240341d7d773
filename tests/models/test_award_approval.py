"""Approving the year-end lists (issue #5): required fields, a frozen snapshot that later data
changes do not touch, reopening with a recorded reason, tamper detection, deleting a campaign,
the JSON snapshot round trip, the history, and migration 0005."""
import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import replace

import pytest

from models.yearend.lists import (
    UNIT, Approval, PrintableList, PrintedEntry, adjust, approval_history, approve, current_approval,
    damaged_snapshots, reopen,
)
from models.campaigns.campaigns import delete_campaign
from models.check import full_check
from models.common.codes import Assessment, ListKind, ReviewReason
from models.store.db import set_session_who
from models.common.errors import DomainError, ValidationError
from models.store.history import list_changes
from models.campaigns.initiatives import list_initiatives, save_initiative
from models.yearend.review import (
    ReviewSettings, campaign_review, draft_list, list_key, printable_list, review_settings, save_review_settings,
)
from models.store.schema import MIGRATIONS
from models.store.settings import CouncilNames, set_council_names
from models.people.units import get_unit, save_unit
from reports.award_list import render_award_list
from tests.reports.pdf_text import flat, pages

from .db_rows import older_database, refused, upgraded
from .year_end_data import (
    AFTER, LATER, REG, TOT, XS, campaign, classify, decision_date_cases, dump, outstanding_town, person, register,
    unit,
)

C, K = ListKind.COMMENDATION, ListKind.CRITICISM
NOW = dt.datetime(2019, 2, 5, 14, 0)
REOPEN_AT = dt.datetime(2019, 2, 20, 8, 15)
CLERK = "Thư ký Hội đồng"
DECISION = Approval("15/QĐ-HĐTĐKT", dt.date(2019, 2, 5), "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH",
                    "Nguyễn Văn Bảy", ("Như trên;", "Lưu: VT, NV."), "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")
REFUSED_TWICE = ("Danh sách đã được phê duyệt theo Quyết định số 15/QĐ-HĐTĐKT ngày 05/02/2019; muốn phê duyệt lại, "
                 "hãy mở lại danh sách (ghi rõ lý do)")


@pytest.fixture
def town(db):
    """P01 (outstanding initiative) with An (excellent all year); NV registered nothing."""
    t = outstanding_town(db)
    set_session_who(db, CLERK)
    return t


def _draft(t, kind):
    return draft_list(t.db, campaign_review(t.db, t.cid, AFTER), kind)


def _approve(t, kind, approval=DECISION, who=CLERK):
    return approve(t.db, list_key(t.cid, kind), approval, _draft(t, kind), NOW, who)


# --- approving -------------------------------------------------------------------------------


def test_approving_freezes_the_list_with_its_decision(town):
    t = town
    record = _approve(t, C)
    assert record.approval == DECISION
    assert (record.as_of, record.approved_at, record.approved_by) == (AFTER, "2019-02-05 14:00:00", CLERK)
    assert (record.reopened_at, record.reopen_reason, record.reopened_by) == (None, None, None)
    assert record.intact
    assert record.digest == hashlib.sha256(record.snapshot.encode("utf-8")).hexdigest()
    assert current_approval(t.db, list_key(t.cid, C)) == record
    frozen = printable_list(t.db, t.cid, C, AFTER)
    assert frozen == replace(_draft(t, C), approval=DECISION, draft_signer=None)
    assert frozen.to_json() == record.snapshot
    # The criticism list of the same campaign is still a draft.
    assert current_approval(t.db, list_key(t.cid, K)) is None
    assert printable_list(t.db, t.cid, K, AFTER).approval is None


def test_approval_fields_and_recipients_are_cleaned(town):
    t = town
    record = _approve(t, K, Approval("  16/QĐ-HĐTĐKT ", dt.date(2019, 2, 5), " KT. CHỦ TỊCH ", " PHÓ  CHỦ TỊCH",
                                     "Trần  Văn Tám ", ("Như trên;", "  ", " Lưu: VT, NV. ")))
    assert record.approval == Approval("16/QĐ-HĐTĐKT", dt.date(2019, 2, 5), "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                       "Trần Văn Tám", ("Như trên;", "Lưu: VT, NV."),
                                       "Hội đồng Thi đua - Khen thưởng quận Gò Vấp")  # empty: the council's own


def test_a_list_of_another_kind_is_not_approved_under_this_key(town):
    t = town
    draft = draft_list(t.db, campaign_review(t.db, t.cid, AFTER), C)
    caught = refused(t.db, lambda: approve(t.db, list_key(t.cid, K), DECISION, draft, NOW), DomainError)
    assert str(caught) == ("Danh sách đưa vào (“Danh sách nêu gương”) không phải danh sách cần phê duyệt "
                           "(“Danh sách phê bình”)")


@pytest.mark.parametrize("changes, errors", [
    (dict(decision_number=""), {"decision_number": "Số quyết định không được để trống"}),
    (dict(decision_number="   "), {"decision_number": "Số quyết định không được để trống"}),
    (dict(decision_date=None), {"decision_date": "Ngày quyết định không được để trống (dạng dd/mm/yyyy)"}),
    (dict(signer_title=" "), {"signer_title": "Chức danh người ký không được để trống"}),
    (dict(signer_name=""), {"signer_name": "Họ tên người ký không được để trống"}),
    (dict(decision_number="", signer_name=""), {"decision_number": "Số quyết định không được để trống",
                                                "signer_name": "Họ tên người ký không được để trống"}),
])
def test_an_approval_with_a_field_missing_is_refused_and_nothing_written(town, changes, errors):
    t = town
    caught = refused(t.db, lambda: _approve(t, C, replace(DECISION, **changes)), ValidationError)
    assert caught.errors == errors


def test_an_empty_authority_prefix_is_allowed(town):
    assert _approve(town, C, replace(DECISION, signer_authority="")).approval.signer_authority == ""


def test_approving_twice_is_refused_and_nothing_written(town):
    t = town
    _approve(t, C)
    caught = refused(t.db, lambda: _approve(t, C, replace(DECISION, decision_number="99/QĐ-HĐTĐKT")), DomainError)
    assert str(caught) == REFUSED_TWICE


def test_the_database_itself_refuses_two_open_approvals_of_one_list(town):
    t = town
    _approve(t, C)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed"):
        t.db.execute("INSERT INTO award_approval (campaign_id, list_kind, decision_number, decision_date, signer_title, "
                     "signer_name, as_of, snapshot, digest, approved_at) SELECT campaign_id, list_kind, '2', "
                     "decision_date, signer_title, signer_name, as_of, snapshot, digest, approved_at FROM award_approval")


def test_review_settings_cannot_change_while_a_list_is_approved(town):
    t = town
    _approve(t, K)
    caught = refused(t.db, lambda: save_review_settings(t.db, t.cid, ReviewSettings(frozenset({ReviewReason.NOT_REGISTERED}))), DomainError)
    assert str(caught) == "Danh sách phê bình của đợt này đã được phê duyệt; hãy mở lại trước khi đổi cách xét"


# --- the freeze ------------------------------------------------------------------------------


def test_the_frozen_lists_do_not_change_when_the_data_changes(town):
    t = town
    adjust(t.db, list_key(t.cid, C), "add", UNIT, t.nv, "Bổ sung theo phiên họp", NOW, text="Số hóa hồ sơ")
    frozen = {kind: _approve(t, kind, replace(DECISION, decision_number=f"1{i}/QĐ-HĐTĐKT")).snapshot
              for i, kind in enumerate(ListKind)}
    drafts = {kind: _draft(t, kind).to_json() for kind in ListKind}
    # Rename a unit, change an assessment, register late, add a classified person, rename the council.
    save_unit(t.db, replace(get_unit(t.db, t.p01), name="Ủy ban nhân dân Phường 1 quận Gò Vấp"))
    (initiative,) = list_initiatives(t.db, t.cid)
    save_initiative(t.db, replace(initiative, assessment=Assessment.HIEU_QUA), LATER)
    register(t.db, t.cid, t.nv, registered_on=REG + dt.timedelta(days=3), title="Số hóa hồ sơ")
    newcomer = person(t.db, "CB02", "Lê Thị Bình", t.nv)
    classify(t.db, t.nv, newcomer, {2: XS, 3: XS, 4: XS})
    classify(t.db, t.p01, t.an, {4: TOT})
    set_council_names(t.db, CouncilNames(parent_body="ỦY BAN NHÂN DÂN QUẬN 12", place="Quận 12",
                                         signer_name="Phạm Văn Mười"))
    for kind in ListKind:
        assert _draft(t, kind).to_json() != drafts[kind]  # the data did change
        assert printable_list(t.db, t.cid, kind, AFTER).to_json() == frozen[kind]
        assert printable_list(t.db, t.cid, kind, dt.date(2019, 6, 1)).to_json() == frozen[kind]
    assert [e.name for e in printable_list(t.db, t.cid, C, AFTER).entries] == [
        "Phòng Nội vụ", "Ủy ban nhân dân Phường 1", "Nguyễn Văn An"]
    assert printable_list(t.db, t.cid, C, AFTER).parent_body == "ỦY BAN NHÂN DÂN QUẬN GÒ VẤP"


# --- reopening -------------------------------------------------------------------------------


def test_reopening_needs_a_reason_and_nothing_is_written_without_one(town):
    t = town
    _approve(t, C)
    caught = refused(t.db, lambda: reopen(t.db, list_key(t.cid, C), "   ", REOPEN_AT, CLERK), ValidationError)
    assert caught.errors == {"reason": "Lý do mở lại danh sách đã phê duyệt không được để trống"}


def test_reopening_a_list_not_approved_is_refused(town):
    t = town
    with pytest.raises(DomainError) as caught:
        reopen(t.db, list_key(t.cid, C), "Sửa tên đơn vị", REOPEN_AT)
    assert str(caught.value) == "Danh sách chưa được phê duyệt nên không cần mở lại"


def test_reopening_records_reason_time_and_who_then_a_new_approval_is_possible(town):
    t = town
    key = list_key(t.cid, C)
    first = _approve(t, C)
    reopen(t.db, key, "  Bổ sung cá nhân theo đề nghị của Quận đoàn ", REOPEN_AT, "Trưởng phòng Nội vụ")
    assert current_approval(t.db, key) is None
    (reopened,) = approval_history(t.db, key)
    assert (reopened.id, reopened.reopened_at, reopened.reopen_reason, reopened.reopened_by) == (
        first.id, "2019-02-20 08:15:00", "Bổ sung cá nhân theo đề nghị của Quận đoàn", "Trưởng phòng Nội vụ")
    assert reopened.snapshot == first.snapshot
    # Open again: the list is a draft and can be adjusted.
    assert printable_list(t.db, t.cid, C, AFTER).approval is None
    adjust(t.db, key, "remove", UNIT, t.p01, "Đơn vị có cán bộ vi phạm kỷ luật", REOPEN_AT)
    second = _approve(t, C, replace(DECISION, decision_number="22/QĐ-HĐTĐKT", decision_date=dt.date(2019, 2, 21)))
    assert [(r.id, r.approval.decision_number, r.reopened_at is None) for r in approval_history(t.db, key)] == [
        (first.id, "15/QĐ-HĐTĐKT", False), (second.id, "22/QĐ-HĐTĐKT", True)]
    assert current_approval(t.db, key) == second
    assert [e.name for e in printable_list(t.db, t.cid, C, AFTER).entries] == ["Nguyễn Văn An"]


def test_a_reopen_is_written_to_the_history(town):
    t = town
    record = _approve(t, C)
    reopen(t.db, list_key(t.cid, C), "Sửa số quyết định", REOPEN_AT, CLERK)
    update, insert = list_changes(t.db, table="award_approval")
    assert (insert.action, insert.record_id, insert.new["decision_number"]) == ("insert", record.id, "15/QĐ-HĐTĐKT")
    assert (update.action, update.record_id, update.who) == ("update", record.id, CLERK)
    assert update.old["reopen_reason"] is None
    assert update.new["reopen_reason"] == "Sửa số quyết định"
    assert "Lý do mở lại: (trống) → Sửa số quyết định" in update.summary
    assert update.table_label == "Phê duyệt danh sách"


# --- a damaged snapshot ----------------------------------------------------------------------

DAMAGED = ("Bản chốt của danh sách đã phê duyệt (Quyết định số 15/QĐ-HĐTĐKT) bị hỏng: nội dung không khớp mã "
           "kiểm tra hoặc không đọc được; hãy khôi phục từ bản sao lưu")


def test_an_intact_snapshot_is_not_reported(town):
    _approve(town, K)
    assert damaged_snapshots(town.db) == []
    assert all("Bản chốt" not in f.what for f in full_check(town.db))


def test_a_tampered_snapshot_is_reported_and_refuses_to_print(town):
    t = town
    record = _approve(t, K)
    t.db.execute("UPDATE award_approval SET snapshot = replace(snapshot, 'Phòng Nội vụ', 'Phòng Tư pháp')")
    assert damaged_snapshots(t.db) == [(record.id, "criticism", "15/QĐ-HĐTĐKT")]
    findings = [f for f in full_check(t.db) if "Bản chốt" in f.what]
    assert [(f.what, f.serious) for f in findings] == [(DAMAGED, True)]
    assert not current_approval(t.db, list_key(t.cid, K)).intact
    with pytest.raises(DomainError) as caught:
        printable_list(t.db, t.cid, K, AFTER)
    assert str(caught.value) == ("Bản chốt của danh sách (Quyết định số 15/QĐ-HĐTĐKT) bị hỏng: nội dung không khớp "
                                 "mã kiểm tra hoặc không đọc được. Hãy khôi phục từ bản sao lưu")


def test_a_snapshot_that_matches_its_digest_but_is_not_a_list_is_reported(town):
    t = town
    record = _approve(t, K)
    t.db.execute("UPDATE award_approval SET snapshot = '{}', digest = ?", [hashlib.sha256(b"{}").hexdigest()])
    assert damaged_snapshots(t.db) == [(record.id, "criticism", "15/QĐ-HĐTĐKT")]



def _rewrite_outside_the_program(t, snapshot: str) -> None:
    """What someone with an SQLite tool does: snapshot and digest rewritten together, and no
    history trigger sees it (those live on the program's connections only)."""
    path = t.db.execute("PRAGMA database_list").fetchone()[2]
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE award_approval SET snapshot = ?, digest = ?",
                     [snapshot, hashlib.sha256(snapshot.encode("utf-8")).hexdigest()])


def test_a_snapshot_rewritten_with_its_digest_recomputed_is_caught_by_the_history(town):
    t = town
    record = _approve(t, K)
    edited = record.snapshot.replace("Phòng Nội vụ", "Phòng Tư pháp")
    assert edited != record.snapshot
    _rewrite_outside_the_program(t, edited)
    assert damaged_snapshots(t.db) == []  # it matches its own (new) digest
    (approved_at,) = t.db.execute("SELECT at FROM change_log WHERE table_name = 'award_approval'").fetchone()
    when = dt.datetime.strptime(approved_at, "%Y-%m-%d %H:%M:%S").strftime("%d/%m/%Y %H:%M:%S")
    assert [(f.what, f.serious) for f in full_check(t.db) if "Quyết định số" in f.what] == [(
        "Bản chốt của danh sách đã phê duyệt (Quyết định số 15/QĐ-HĐTĐKT) đã bị sửa sau khi phê duyệt: mã kiểm tra "
        f"không khớp mã ghi trong nhật ký lúc phê duyệt ({when}); hãy khôi phục từ bản sao lưu", True)]


def test_the_history_check_reports_a_tampered_snapshot_once_and_an_intact_one_not_at_all(town):
    t = town
    record = _approve(t, K)
    reopen(t.db, list_key(t.cid, K), "Sửa số quyết định", REOPEN_AT, CLERK)  # an update in the history
    assert [f for f in full_check(t.db) if "Quyết định số" in f.what] == []
    t.db.execute("UPDATE award_approval SET snapshot = ? WHERE id = ?", [record.snapshot + " ", record.id])
    assert [f.what for f in full_check(t.db) if "Quyết định số" in f.what] == [DAMAGED]


def test_an_approval_the_history_never_saw_is_reported(town):
    t = town
    _approve(t, K)
    path = t.db.execute("PRAGMA database_list").fetchone()[2]
    with sqlite3.connect(path) as conn:  # a second approval slipped in with an SQLite tool
        conn.execute("INSERT INTO award_approval (campaign_id, list_kind, decision_number, decision_date, signer_title, "
                     "signer_name, as_of, snapshot, digest, approved_at, reopened_at, reopen_reason) SELECT campaign_id, "
                     "list_kind, '99/QĐ', decision_date, signer_title, signer_name, as_of, snapshot, digest, approved_at, "
                     "'2019-01-01 00:00:00', 'x' FROM award_approval")
    assert [f.what for f in full_check(t.db) if "Quyết định số" in f.what] == [
        "Danh sách đã phê duyệt (Quyết định số 99/QĐ) không có trong nhật ký thay đổi: không rõ được phê duyệt khi "
        "nào, bởi ai; hãy khôi phục từ bản sao lưu"]


# --- deleting the campaign -------------------------------------------------------------------


def test_a_campaign_with_an_approved_list_cannot_be_deleted(db):
    unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db).id  # nobody registered: the criticism list names P01
    approve(db, list_key(cid, K), DECISION, draft_list(db, campaign_review(db, cid, AFTER), K), NOW)
    reopen(db, list_key(cid, K), "Xem lại", REOPEN_AT)  # even reopened, the decision was issued
    caught = refused(db, lambda: delete_campaign(db, cid), DomainError)
    assert str(caught) == "Không thể xóa đợt thi đua vì danh sách tổng kết của đợt đã được phê duyệt"


def test_a_campaign_with_adjustments_and_settings_but_no_approval_is_deleted_with_them(db):
    uid = unit(db, "P01", "Ủy ban nhân dân Phường 1")
    cid = campaign(db).id
    save_review_settings(db, cid, ReviewSettings(include_effective=True))
    adjust(db, list_key(cid, K), "remove", UNIT, uid, "Đơn vị mới thành lập", NOW)
    delete_campaign(db, cid)
    assert db.execute("SELECT count(*) FROM award_adjustment").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM review_config").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM campaign").fetchone() == (0,)


# --- the JSON snapshot -----------------------------------------------------------------------


def test_a_draft_and_an_approved_list_survive_the_json_round_trip(town):
    t = town
    draft = _draft(t, C)
    assert draft.draft_signer is not None and draft.approval is None
    assert PrintableList.from_json(draft.to_json()) == draft
    approved = _approve(t, C).printable()
    assert approved.approval == DECISION and approved.draft_signer is None
    assert PrintableList.from_json(approved.to_json()) == approved
    assert approved.to_json() == PrintableList.from_json(approved.to_json()).to_json()


@pytest.mark.parametrize("day_counts, word", [(True, "chậm nhất ngày"), (False, "trước ngày")])
def test_a_campaigns_lists_carry_its_deadlines_as_the_campaign_words_them(db, day_counts, word):
    """Issue 13: the deadline line printed under the subtitle, with the campaign's own wording."""
    cid = campaign(db, [unit(db, "P01", "Ủy ban nhân dân Phường 1")], deadline_day_counts=day_counts).id
    expected = f"Hạn đăng ký: {word} 03/11/2018; hạn báo cáo kết quả: {word} 27/01/2019"
    for kind in (C, K):
        assert draft_list(db, campaign_review(db, cid, AFTER), kind).deadlines == expected


def _printed(printable: PrintableList) -> str:
    return flat(" ".join(pages(render_award_list(printable))))


def test_an_approved_list_keeps_its_deadlines_and_one_approved_before_them_prints_none(town):
    t = town
    approved = _approve(t, C)
    line = "Hạn đăng ký: chậm nhất ngày 03/11/2018; hạn báo cáo kết quả: chậm nhất ngày 27/01/2019"
    assert printable_list(t.db, t.cid, C, AFTER).deadlines == line
    assert line in _printed(printable_list(t.db, t.cid, C, AFTER))
    # A snapshot frozen before the lists carried their deadlines (no such field) still reads and prints.
    old = json.loads(approved.snapshot)
    del old["deadlines"]
    snapshot = json.dumps(old, ensure_ascii=False, sort_keys=True)
    t.db.execute("UPDATE award_approval SET snapshot = ?, digest = ? WHERE id = ?",
                 [snapshot, hashlib.sha256(snapshot.encode("utf-8")).hexdigest(), approved.id])
    printed = printable_list(t.db, t.cid, C, AFTER)
    assert printed.deadlines == "" and printed.approval == DECISION
    assert "Nguyễn Văn An" in _printed(printed) and "Hạn đăng ký" not in _printed(printed)


def test_the_json_keeps_groups_amounts_and_vietnamese_text_as_is():
    printable = PrintableList(
        kind="lao_dong_tien_tien", title="DANH SÁCH CÁ NHÂN ĐẠT DANH HIỆU LAO ĐỘNG TIÊN TIẾN", subtitle="Năm 2018",
        parent_body="ỦY BAN NHÂN DÂN QUẬN GÒ VẤP", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", place="Gò Vấp",
        as_of=dt.date(2019, 1, 5),
        individuals=(PrintedEntry("staff", 7, "Đỗ Thị Ánh", "Công chức, Phường 1", "", "Ủy ban nhân dân Phường 1",
                                  417000),),
        approval=replace(DECISION, recipients=()), total_line="Tổng số: 1 cá nhân.")
    text = printable.to_json()
    assert "Đỗ Thị Ánh" in text and "\\u" not in text
    assert '"decision_date": "2019-02-05"' in text
    assert PrintableList.from_json(text) == printable


# --- migration 0005 --------------------------------------------------------------------------


def test_migration_0005_adds_the_year_end_tables_to_an_older_database(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = older_database(path, "0005_year_end_lists")
    assert not old["award_approval"].exists()
    uid = unit(old, "P01", "Ủy ban nhân dân Phường 1")
    # As that version wrote it (today's save_campaign writes columns added since).
    cid = old.execute("INSERT INTO campaign (name, year, start_date, registration_deadline, report_deadline) "
                      "VALUES ('Đợt thi đua', 2018, '2018-11-02', '2018-11-03', '2019-01-27')").lastrowid
    old.execute("INSERT INTO campaign_unit (campaign_id, unit_id, joined_on) VALUES (?, ?, '2018-11-02')", [cid, uid])
    old.conn.commit()
    old.close()
    with upgraded(path) as db:
        assert MIGRATIONS.pending(db) == []
        assert {"review_config", "award_adjustment", "award_approval"} <= set(db.table_names())
        assert review_settings(db, cid) == ReviewSettings()
        review = campaign_review(db, cid, AFTER)
        assert [f.reason for f in review.unit(uid).findings] == [ReviewReason.NOT_REGISTERED]


@pytest.mark.parametrize("sql", [
    "INSERT INTO review_config (campaign_id, min_quarters) VALUES (1, 5)",
    "INSERT INTO review_config (campaign_id, min_quarters) VALUES (1, 0)",
    "INSERT INTO review_config (campaign_id, include_effective) VALUES (1, 2)",
    "INSERT INTO review_config (campaign_id, required_level) VALUES (1, 'A')",
    "INSERT INTO review_config (campaign_id, disabled_reasons) VALUES (1, 'not json')",
    "INSERT INTO award_adjustment (campaign_id, list_kind, action, unit_id, reason, at) "
    "VALUES (1, 'criticism', 'remove', 1, '  ', '2019-02-01 09:00:00')",
    "INSERT INTO award_adjustment (campaign_id, list_kind, action, unit_id, reason, at) "
    "VALUES (1, 'criticism', 'add', 1, 'lý do', '2019-02-01 09:00:00')",
    "INSERT INTO award_adjustment (campaign_id, list_kind, action, unit_id, staff_id, reason, at) "
    "VALUES (1, 'criticism', 'remove', 1, 1, 'lý do', '2019-02-01 09:00:00')",
    "INSERT INTO award_adjustment (campaign_id, year, list_kind, action, unit_id, reason, at) "
    "VALUES (1, 2018, 'criticism', 'remove', 1, 'lý do', '2019-02-01 09:00:00')",
    "INSERT INTO award_adjustment (list_kind, action, unit_id, reason, at) "
    "VALUES ('criticism', 'remove', 1, 'lý do', '2019-02-01 09:00:00')",
    "INSERT INTO award_approval (campaign_id, list_kind, decision_number, decision_date, signer_title, signer_name, "
    "as_of, snapshot, digest, approved_at) VALUES (1, 'criticism', ' ', '2019-02-05', 'CHỦ TỊCH', 'A', "
    "'2019-03-01', '{}', 'x', '2019-02-05 14:00:00')",
    "INSERT INTO award_approval (campaign_id, list_kind, decision_number, decision_date, signer_title, signer_name, "
    "as_of, snapshot, digest, approved_at, reopened_at) VALUES (1, 'criticism', '1', '2019-02-05', 'CHỦ TỊCH', 'A', "
    "'2019-03-01', '{}', 'x', '2019-02-05 14:00:00', '2019-02-06 08:00:00')",
])
def test_the_year_end_tables_refuse_what_the_program_never_writes(town, sql):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        town.db.execute(sql)


# --- the decision's date makes sense (issue 13) ------------------------------------------------


@pytest.mark.parametrize("day, message", decision_date_cases())
def test_a_campaign_list_decided_before_the_campaign_or_years_after_it_is_refused(town, day, message):
    before = dump(town.db)
    if not message:
        assert _approve(town, ListKind.CRITICISM, replace(DECISION, decision_date=day)).approval.decision_date == day
        return
    with pytest.raises(ValidationError) as caught:
        _approve(town, ListKind.CRITICISM, replace(DECISION, decision_date=day))
    assert caught.value.errors == {"decision_date": message}
    assert dump(town.db) == before


@pytest.mark.parametrize("day, message", [
    (dt.date(2017, 12, 31), "Ngày quyết định 31/12/2017 trước năm 2018 của danh sách: kiểm tra lại năm"),
    (dt.date(2020, 12, 31), ""),
    (dt.date(2021, 1, 1), "Ngày quyết định 01/01/2021 sau năm 2018 của danh sách hơn 2 năm: kiểm tra lại năm"),
])
def test_a_years_list_decided_before_that_year_or_years_after_it_is_refused(db, day, message):
    from models.yearend.lists import ListKey, decision_date_problem

    assert decision_date_problem(db, ListKey("ldtt", year=2018), day) == message
