"""A process killed (SIGKILL) in the middle of a write leaves the database whole: all or nothing.

Each child process blocks on its standard input at a known point inside the operation (reported
on its standard output), so the kill always lands there: no sleeps, no timing luck.
"""
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from models.common.codes import UnitKind
from models.store.db import connect
from models.people.imports import STAFF_HEADERS
from models.people.units import Unit, save_unit
from tests.safety.damage import database_with_units

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _run_until(script: str, marker: str) -> subprocess.Popen:
    """Start ``script`` in a child Python, wait until it prints ``marker``, then kill it."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    for line in child.stdout:
        if line.strip() == marker:
            break
    else:
        raise AssertionError(f"child ended before {marker!r}: {child.stderr.read()}")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    return child


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_killing_a_10000_row_import_leaves_all_or_none_of_the_rows(tmp_path):
    path = tmp_path / "tdkt.sqlite3"
    db = connect(path)
    unit = save_unit(db, Unit(code="P01", name="Phường 1", kind=UnitKind.PHUONG))
    db.close()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(STAFF_HEADERS)
    for i in range(10_000):
        sheet.append([f"CB{i:05d}", "Nguyễn Văn An", "01/01/1980", "Nam", "P01", "", "Công chức", "Không", ""])
    xlsx = tmp_path / "staff.xlsx"
    book.save(xlsx)
    _run_until(f"""
        import datetime as dt, sys
        from models.store.db import connect
        from models.people.imports import import_staff
        db = connect({str(path)!r})
        seen = []
        def trace(sql):
            if sql.startswith("INSERT INTO staff_unit") and len(seen) == 0:
                seen.append(sql)
                print("inside", flush=True)
                sys.stdin.readline()  # wait here, mid-transaction, until killed
        db.conn.set_trace_callback(trace)
        import_staff(db, {str(xlsx)!r}, dt.date(2018, 12, 1))
        print("finished", flush=True)
    """, "inside")
    assert _integrity(path) == "ok"
    db = connect(path)
    (staff,) = db.execute("SELECT count(*) FROM staff").fetchone()
    (rows,) = db.execute("SELECT count(*) FROM staff_unit").fetchone()
    assert (staff, rows) == (0, 0)  # killed before the commit: none of the 10,000
    assert db.execute("SELECT id FROM unit").fetchall() == [(unit.id,)]
    db.close()


def test_killing_a_backup_leaves_the_database_whole_and_no_half_backup(tmp_path):
    path = database_with_units(tmp_path / "tdkt.sqlite3", 300)
    target = tmp_path / "copy.sqlite3"
    _run_until(f"""
        import sys
        import models.store.backup as backup
        def progress(done, total):
            print("inside", flush=True)
            sys.stdin.readline()  # wait here, mid-backup (after the first pages), until killed
        backup.backup_to({str(path)!r}, {str(target)!r}, progress)
        print("finished", flush=True)
    """, "inside")
    assert _integrity(path) == "ok"
    assert not target.exists()  # only the hidden ".partial" file was being written
    assert len(list(tmp_path.glob(".copy.sqlite3.*.partial"))) == 1
    db = connect(path)
    assert db.execute("SELECT count(*) FROM unit").fetchone() == (300,)
    db.close()


def test_killing_a_migration_rolls_it_back_and_the_next_start_completes_it(tmp_path):
    from sqlite_utils import Database

    from models.store.schema import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="0003_quarterly_classification")
    old.execute("INSERT INTO unit (code, name, name_folded, kind) VALUES ('P01', 'Phường 1', 'phuong 1', 'phuong')")
    old.close()
    _run_until(f"""
        import sys
        from sqlite_utils import Database
        from models.store.schema import MIGRATIONS
        db = Database({str(path)!r})
        def trace(sql):
            if "CREATE TABLE rule_set" in sql:
                print("inside", flush=True)
                sys.stdin.readline()  # wait here, mid-migration, until killed
        db.conn.set_trace_callback(trace)
        MIGRATIONS.apply(db)
        print("finished", flush=True)
    """, "inside")
    assert _integrity(path) == "ok"
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(staff)")]
    conn.close()
    assert names == ["0001_units_and_staff", "0002_campaigns_initiatives_heads"]
    assert "salary_coefficient" not in columns  # the half-done migration was rolled back whole
    db = connect(path)  # the next start: backup, then the migration again
    assert db.execute("SELECT count(*) FROM rule_set").fetchone() == (4,)  # with NĐ 335/2025 (0018)
    assert db.execute("SELECT code FROM unit").fetchall() == [("P01",)]
    db.close()
    backups = list((tmp_path / "backups").glob("tdkt-*-truoc-nang-cap.sqlite3"))
    assert len(backups) >= 1
