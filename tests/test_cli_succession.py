"""The command line for a unit merger, split or renaming (``unit succession``) and the list of those
recorded (``unit successions``): what the units screen's "Sáp nhập / chia tách / đổi tên..." does."""
import datetime as dt

import pytest

from models.common.codes import Gender, StaffCategory, UnitKind
from models.people.staff import Staff, add_staff
from models.store.db import connect
from tests.cli_helpers import dump, hold_lock_in_another_process, release, rows, run
from tests.models.units_data import save_unit_ids

UNITS = [("P10", "Ủy ban nhân dân Phường 10", UnitKind.PHUONG),
         ("P17", "Ủy ban nhân dân Phường 17", UnitKind.PHUONG),
         ("GV", "Ủy ban nhân dân phường Gò Vấp", UnitKind.PHUONG),
         ("VP", "Văn phòng HĐND và UBND phường", UnitKind.CO_QUAN),
         ("KT", "Phòng Kinh tế, Hạ tầng và Đô thị", UnitKind.CO_QUAN)]
# code, name, unit, the day they left (CB0004 left before the merger: stays in Phường 17's history)
PEOPLE = [("CB0001", "Nguyễn Văn An", "P10", None), ("CB0002", "Trần Thị Bình", "P10", None),
          ("CB0003", "Lê Văn Chi", "P17", None), ("CB0004", "Phạm Thị Dung", "P17", dt.date(2025, 6, 30))]
NOTE = "Nghị quyết 1685/NQ-UBTVQH15"
MERGER = ("unit", "succession", "--kind", "sap_nhap", "--from", "p10, P17", "--to", "GV", "--date", "01/07/2025")

SUCCESSIONS = ("SELECT f.code, t.code, s.kind, s.effective_on, s.note FROM unit_succession s "
               "JOIN unit f ON f.id = s.from_unit_id JOIN unit t ON t.id = s.to_unit_id ORDER BY f.code, t.code")
MOVES = ("SELECT s.code, u.code FROM staff_unit m JOIN staff s ON s.id = m.staff_id JOIN unit u ON u.id = m.unit_id "
         "WHERE m.start_date = '2025-07-01' ORDER BY s.code")
ACTIVE = "SELECT code, active FROM unit ORDER BY code"


@pytest.fixture
def wards(tmp_path):
    """Phường 10 (CB0001, CB0002) and Phường 17 (CB0003; CB0004 left on 30/06/2025), the new ward
    and two offices, all active."""
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    ids = save_unit_ids(db, UNITS)
    for code, name, unit, ended in PEOPLE:
        add_staff(db, Staff(code, name, Gender.NU, StaffCategory.CONG_CHUC, ids[unit],
                            recruited_on=dt.date(2015, 3, 1), ended_on=ended), dt.date(2025, 12, 31))
    db.close()
    return path


PLAN = ("Sáp nhập: P10 (Ủy ban nhân dân Phường 10), P17 (Ủy ban nhân dân Phường 17) -> "
        "GV (Ủy ban nhân dân phường Gò Vấp)\n"
        "Có hiệu lực từ ngày 01/07/2025\n"
        "CB0001\tNguyễn Văn An\tP10 -> GV\n"
        "CB0002\tTrần Thị Bình\tP10 -> GV\n"
        "CB0003\tLê Văn Chi\tP17 -> GV\n"
        "3 cán bộ chuyển đơn vị\n")


def test_a_merger_of_two_wards_moves_their_people_and_ends_the_old_units(wards):
    result = run(*MERGER, "--db", wards, "--note", NOTE)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == PLAN + (
        "Đã ghi nhận: Ủy ban nhân dân Phường 10, Ủy ban nhân dân Phường 17 sáp nhập vào Ủy ban nhân dân phường "
        "Gò Vấp từ 01/07/2025. 3 cán bộ chuyển đơn vị; 2 đơn vị cũ chuyển sang ngừng hoạt động (vẫn giữ toàn bộ "
        "lịch sử).\n")
    assert rows(wards, SUCCESSIONS) == [("P10", "GV", "sap_nhap", "2025-07-01", NOTE),
                                        ("P17", "GV", "sap_nhap", "2025-07-01", NOTE)]
    assert rows(wards, MOVES) == [("CB0001", "GV"), ("CB0002", "GV"), ("CB0003", "GV")]
    # CB0004 keeps the one membership, in Phường 17; the others keep theirs before the merger.
    assert rows(wards, "SELECT s.code, u.code, m.start_date FROM staff_unit m JOIN staff s ON s.id = m.staff_id "
                       "JOIN unit u ON u.id = m.unit_id WHERE m.start_date < '2025-07-01' ORDER BY s.code") == [
        ("CB0001", "P10", "2015-03-01"), ("CB0002", "P10", "2015-03-01"), ("CB0003", "P17", "2015-03-01"),
        ("CB0004", "P17", "2015-03-01")]
    assert rows(wards, ACTIVE) == [("GV", 1), ("KT", 1), ("P10", 0), ("P17", 0), ("VP", 1)]
    # The history says who recorded it: the command line.
    assert rows(wards, "SELECT DISTINCT who LIKE '%dòng lệnh' FROM change_log WHERE table_name = 'unit_succession'") \
        == [(1,)]

    listed = run("unit", "successions", "--db", wards)
    assert (listed.returncode, listed.stdout) == (0, (
        f"01/07/2025\tSáp nhập\tỦy ban nhân dân Phường 10 -> Ủy ban nhân dân phường Gò Vấp\t{NOTE}\n"
        f"01/07/2025\tSáp nhập\tỦy ban nhân dân Phường 17 -> Ủy ban nhân dân phường Gò Vấp\t{NOTE}\n"))


def test_dry_run_prints_the_plan_and_writes_nothing(wards):
    before = dump(wards)
    result = run(*MERGER, "--db", wards, "--dry-run")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == PLAN + "Chạy thử: chưa ghi gì. Bỏ --dry-run để ghi nhận.\n"
    assert dump(wards) == before


def _refused(wards, *args) -> str:
    """Runs the command, which must be refused (exit 1) without writing; gives its message."""
    before = dump(wards)
    result = run(*args, "--db", wards)
    assert (result.returncode, result.stdout) == (1, "")
    assert dump(wards) == before
    return result.stderr


def test_a_future_date_an_unknown_code_and_a_merged_unit_are_refused_and_nothing_is_written(wards):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert _refused(wards, *MERGER[:-1], tomorrow) == (
        f"--date: Ngày có hiệu lực {tomorrow} ở tương lai: hãy ghi nhận vào ngày đó hoặc sau\n")
    assert _refused(wards, *MERGER[:5], "P10,P99", *MERGER[6:]) == (
        "--from: không có đơn vị mã “P99” (xem danh sách đơn vị ở màn hình Đơn vị hoặc python main.py export units)\n")
    assert _refused(wards, *MERGER[:7], "GV2", *MERGER[8:]).startswith("--to: không có đơn vị mã “GV2”")
    assert _refused(wards, *MERGER[:-1], "31/02/2025") == (
        "--date: ngày 31/02/2025 không tồn tại\n")

    assert run(*MERGER, "--db", wards).returncode == 0
    assert _refused(wards, "unit", "succession", "--kind", "doi_ten", "--from", "P10", "--to", "VP",
                    "--date", "01/08/2025") == (
        "--from: “Ủy ban nhân dân Phường 10” đã được sáp nhập, chia tách hoặc đổi tên từ ngày "
        "01/07/2025\n")
    assert _refused(wards, "unit", "succession", "--kind", "sap_nhap", "--from", "VP", "--to", "P17",
                    "--date", "01/08/2025") == (
        "--to: “Ủy ban nhân dân Phường 17” đã được sáp nhập, chia tách hoặc đổi tên từ ngày "
        "01/07/2025\n")


def test_the_shape_of_each_kind_is_refused_as_the_screen_does(wards):
    assert _refused(wards, "unit", "succession", "--kind", "chia_tach", "--from", "P10", "--to", "VP",
                    "--date", "01/07/2025") == (
        "--to: Chia tách: chọn một đơn vị cũ và ít nhất hai đơn vị mới\n")
    assert _refused(wards, "unit", "succession", "--kind", "sap_nhap", "--from", "P10", "--to", "P10",
                    "--date", "01/07/2025") == (
        "--to: Một đơn vị không thể vừa là đơn vị cũ vừa là đơn vị mới\n")
    assert _refused(wards, "unit", "succession", "--kind", "sap_nhap", "--from", " , ", "--to", "GV",
                    "--date", "01/07/2025") == "--from: Chưa chọn đơn vị cũ\n"


def test_a_split_puts_a_person_named_by_move_in_that_unit_and_the_others_in_the_first(wards):
    result = run("unit", "succession", "--db", wards, "--kind", "chia_tach", "--from", "P10", "--to", "VP,KT",
                 "--date", "01/07/2025", "--move", "cb0002=kt")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[:5] == [
        "Chia tách: P10 (Ủy ban nhân dân Phường 10) -> VP (Văn phòng HĐND và UBND phường), "
        "KT (Phòng Kinh tế, Hạ tầng và Đô thị)",
        "Có hiệu lực từ ngày 01/07/2025", "CB0001\tNguyễn Văn An\tP10 -> VP", "CB0002\tTrần Thị Bình\tP10 -> KT",
        "2 cán bộ chuyển đơn vị"]
    assert rows(wards, MOVES) == [("CB0001", "VP"), ("CB0002", "KT")]
    assert rows(wards, SUCCESSIONS) == [("P10", "KT", "chia_tach", "2025-07-01", ""),
                                        ("P10", "VP", "chia_tach", "2025-07-01", "")]
    listed = run("unit", "successions", "--db", wards)
    assert listed.stdout == ("01/07/2025\tChia tách\tỦy ban nhân dân Phường 10 -> Phòng Kinh tế, Hạ tầng và Đô thị\t-\n"
                             "01/07/2025\tChia tách\tỦy ban nhân dân Phường 10 -> Văn phòng HĐND và UBND phường\t-\n")


def test_a_wrong_move_is_refused_and_nothing_is_written(wards):
    split = ("unit", "succession", "--kind", "chia_tach", "--from", "P10", "--to", "VP,KT", "--date", "01/07/2025")
    assert _refused(wards, *split, "--move", "CB0002=P17") == (
        "--move: Chỉ chuyển cán bộ sang một trong các đơn vị mới\n")
    assert _refused(wards, *split, "--move", "CB0003=KT") == (
        "--move “CB0003=KT”: cán bộ mã “CB0003” không phải người chuyển đơn vị (không thuộc đơn vị cũ vào ngày "
        "có hiệu lực)\n")
    assert _refused(wards, *split, "--move", "CB0002") == (
        "--move “CB0002”: cần dạng MÃ_CÁN_BỘ=MÃ_ĐƠN_VỊ_MỚI, ví dụ CB0012=VP\n")
    assert _refused(wards, *split, "--move", "CB0002=XX").startswith("--move “CB0002=XX”: không có đơn vị mã “XX”")
    for two in ("CB0002=,", "CB0002=VP,KT"):  # one person goes to one unit
        assert _refused(wards, *split, "--move", two) == (
            f"--move “{two}”: cần dạng MÃ_CÁN_BỘ=MÃ_ĐƠN_VỊ_MỚI, ví dụ CB0012=VP\n")
    assert _refused(wards, *MERGER, "--move", "CB0002=GV") == (
        "--move chỉ dùng khi chia tách (--kind chia_tach): sáp nhập, đổi tên chỉ có một đơn vị mới\n")


def test_a_database_open_in_the_window_is_not_written(wards):
    before = dump(wards)
    child = hold_lock_in_another_process(wards)
    try:
        result = run(*MERGER, "--db", wards)
    finally:
        release(child)
    assert result.returncode == 1
    assert "đang được mở" in result.stderr
    assert dump(wards) == before


def test_the_help_is_in_vietnamese_and_a_wrong_kind_is_a_usage_error(wards):
    assert "unit                đơn vị: sáp nhập, chia tách, đổi tên" in run("--help").stdout
    shown = run("unit", "succession", "--help").stdout
    assert "--from CODE,...       mã các đơn vị cũ, cách nhau bằng dấu phẩy" in shown
    assert "căn cứ, ví dụ: Nghị quyết 1685/NQ-UBTVQH15" in shown
    wrong = run("unit", "succession", "--db", wards, "--kind", "gop", "--from", "P10", "--to", "GV",
                "--date", "01/07/2025")
    assert wrong.returncode == 2
    assert "Lỗi cách dùng: argument --kind: invalid choice: 'gop'" in wrong.stderr
    assert run("unit", "successions", "--db", wards).stdout == (
        "Chưa ghi nhận sáp nhập, chia tách, đổi tên đơn vị nào.\n")


def test_the_2026_sample_lists_its_merger_and_refuses_to_record_it_twice(tmp_path):
    db = tmp_path / "phuong.sqlite3"
    assert run("demo", "--db", db, "--sample", "2026").returncode == 0
    basis = "Nghị quyết 1685/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội (sắp xếp đơn vị hành chính cấp xã năm 2025)"
    listed = run("unit", "successions", "--db", db).stdout.splitlines()
    assert len(listed) == 12  # each former ward split into the 5 new offices, the 2 health stations merged
    assert listed[0] == f"01/07/2025\tChia tách\tỦy ban nhân dân Phường 10 -> Phòng Kinh tế, Hạ tầng và Đô thị\t{basis}"
    assert listed[-1] == f"01/07/2025\tSáp nhập\tTrạm Y tế Phường 17 -> Trạm Y tế phường Gò Vấp\t{basis}"
    assert _refused(db, "unit", "succession", "--kind", "sap_nhap", "--from", "TYT10,TYT17", "--to", "TYT",
                    "--date", "01/07/2025") == (
        "--from: “Trạm Y tế Phường 10” đã được sáp nhập, chia tách hoặc đổi tên từ ngày 01/07/2025\n")
