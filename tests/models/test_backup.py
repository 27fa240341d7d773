import datetime as dt
import sqlite3

import pytest

from models.store.backup import (
    automatic_backup,
    backup_to,
    backups_dir,
    inspect_file,
    list_backups,
    restore,
    rotate,
)
from models.check import full_check, quick_check
from models.common.codes import UnitKind
from models.store.db import connect, program_schema_version
from models.common.errors import DomainError
from models.people.units import Unit, list_units, save_unit

from .db_rows import older_database

NOW = dt.datetime(2018, 12, 1, 8, 30, 0)


@pytest.fixture
def path(tmp_path):
    p = tmp_path / "tdkt.sqlite3"
    db = connect(p)
    save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.close()
    return p


def _units(p):
    db = connect(p)
    try:
        return [u.code for u in list_units(db)]
    finally:
        db.close()


def test_a_backup_is_a_sound_copy_taken_with_the_database_open(path, tmp_path):
    live = connect(path)  # the program has it open
    save_unit(live, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    copy = backup_to(path, tmp_path / "copy.sqlite3")
    live.close()
    assert inspect_file(copy, program_schema_version()) == program_schema_version()
    assert _units(copy) == ["NV", "P01"]


def test_automatic_backups_go_beside_the_database_and_are_listed_newest_first(path):
    first = automatic_backup(path, NOW)
    second = automatic_backup(path, NOW)  # same second: a second file, not an overwrite
    assert first.parent == backups_dir(path) == path.parent / "backups"
    assert first != second and first.exists() and second.exists()
    assert [b.path for b in list_backups(path)][0] in (first, second)
    assert list_backups(path)[0].text.startswith("01/12/2018 08:30:00")


def test_rotation_keeps_the_last_20_and_one_a_day_for_30_days(path):
    folder = backups_dir(path)
    for day in range(40):  # three backups a day for 40 days
        for hour in (8, 12, 17):
            when = NOW - dt.timedelta(days=day) + dt.timedelta(hours=hour - 8)
            (folder).mkdir(exist_ok=True)
            (folder / f"tdkt-{when:%Y%m%d-%H%M%S}-khoi-dong.sqlite3").write_bytes(b"x")
    rotate(folder, NOW)
    kept = list_backups(path)
    days = {b.taken.date() for b in kept}
    assert len([b for b in kept]) == 20 + (30 - 7)  # the 20 newest cover 7 days; 23 older days keep one
    assert all((NOW.date() - d).days < 30 for d in days)
    newest_of_day = {d: max(b.taken for b in kept if b.taken.date() == d) for d in days}
    assert all(t.hour == 17 for d, t in newest_of_day.items())


def test_restore_checks_the_file_backs_up_the_current_database_then_replaces_it(path, tmp_path):
    copy = backup_to(path, tmp_path / "before.sqlite3")
    db = connect(path)
    save_unit(db, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    db.close()
    safety = restore(copy, path, NOW, program_schema_version())
    assert _units(path) == ["P01"]
    assert _units(safety) == ["NV", "P01"]  # what was replaced is kept


@pytest.mark.parametrize("content, message", [
    (b"not a database at all" * 50, "không phải cơ sở dữ liệu SQLite hoặc đã hỏng"),
    (None, "không phải cơ sở dữ liệu của TĐKT"),
])
def test_restore_refuses_a_file_that_is_not_this_programs_database(path, tmp_path, content, message):
    bad = tmp_path / "bad.sqlite3"
    if content is None:
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    else:
        bad.write_bytes(content)
    with pytest.raises(DomainError, match=message):
        restore(bad, path, NOW, program_schema_version())
    assert _units(path) == ["P01"]
    assert not backups_dir(path).exists()  # refused before anything was done


def test_restore_refuses_a_database_of_a_newer_version(path, tmp_path):
    newer = backup_to(path, tmp_path / "newer.sqlite3")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tdkt', '9999_future', '')")
    conn.commit()
    conn.close()
    with pytest.raises(DomainError, match="phiên bản TĐKT mới hơn"):
        restore(newer, path, NOW, program_schema_version())


def test_check_finds_nothing_wrong_in_a_sound_database_and_a_classification_in_the_wrong_unit(path):
    db = connect(path)
    assert quick_check(db) == [] and full_check(db) == []
    from models.common.codes import Gender, StaffCategory
    from models.people.staff import Staff, add_staff

    nv = save_unit(db, Unit(code="NV", name="Phòng Nội vụ", kind=UnitKind.CO_QUAN))
    person = add_staff(db, Staff(code="CB1", full_name="Lê Văn Tám", gender=Gender.NAM,
                                 category=StaffCategory.CONG_CHUC, unit_id=nv.id), dt.date(2018, 12, 1))
    p01 = [u for u in list_units(db) if u.code == "P01"][0]
    db.execute("INSERT INTO classification (staff_id, unit_id, year, quarter, level) VALUES (?, ?, 2018, 3, 'tot')",
               [person.id, p01.id])
    findings = [f.what for f in full_check(db)]
    assert findings == ["Xếp loại quý 3/2018 của CB1 - Lê Văn Tám ghi ở đơn vị P01 nhưng theo quá trình "
                        "công tác người này thuộc đơn vị NV"]
    db.close()


def test_opening_an_older_database_backs_it_up_before_migrating(tmp_path):
    p = tmp_path / "old.sqlite3"
    older_database(p, "0003_quarterly_classification").close()
    connect(p).close()
    saved = list((tmp_path / "backups").glob("tdkt-*-truoc-nang-cap.sqlite3"))
    assert len(saved) == 1
    conn = sqlite3.connect(saved[0])
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone() == (2,)
    conn.close()
    connect(p).close()  # up to date now: no further backup
    assert len(list((tmp_path / "backups").glob("tdkt-*"))) == 1
