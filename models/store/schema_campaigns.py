"""The bodies of the campaign migrations of issue 13 (registered in ``models.store.schema``):

- 0019: an initiative's authors carry their role (chủ trì / tham gia) and share, as units report
  them; the year-end review can also take the authors of initiatives assessed "Hiệu quả".
- 0020: whether a campaign's deadline day itself is on time ("chậm nhất ngày X") or not ("trước
  ngày X"); the day a head-of-unit evaluation was decided.
- 0021: an initiative's recognition as its own record (which body, decision, scope of effect),
  possible for an initiative outside any campaign.

Kept apart so that ``models.store.schema`` stays small; never edit one once applied: add a migration.
Value lists are written out (never read from the live enums), as in ``models.store.schema``.
"""
from __future__ import annotations

from sqlite_utils import Database


def add_author_roles(db: Database) -> None:
    # role: 'chu_tri' (leads the work) or 'tham_gia'; share: the author's part of the work in percent,
    # as the unit reported it (NULL: not reported). The first author of an existing initiative (the
    # order the unit gave them in) becomes its chủ trì.
    db.execute("ALTER TABLE initiative_author ADD COLUMN role TEXT NOT NULL DEFAULT 'tham_gia' "
               "CHECK (role IN ('chu_tri', 'tham_gia'))")
    db.execute("ALTER TABLE initiative_author ADD COLUMN share REAL "
               "CHECK (share IS NULL OR (share > 0 AND share <= 100))")
    db.execute("UPDATE initiative_author SET role = 'chu_tri' WHERE rowid IN "
               "(SELECT min(rowid) FROM initiative_author GROUP BY initiative_id)")
    # The review's setting: authors of initiatives assessed "Hiệu quả" are proposed too (0: only
    # "Tiêu biểu xuất sắc"). required_level keeps its column and now means the quarterly floor.
    db.execute("ALTER TABLE review_config ADD COLUMN include_effective INTEGER NOT NULL DEFAULT 0 "
               "CHECK (include_effective IN (0, 1))")


def add_deadline_day_and_decision_dates(db: Database) -> None:
    # "chậm nhất ngày X" (1: the deadline day itself is on time, as before) or "trước ngày X" (0).
    db.execute("ALTER TABLE campaign ADD COLUMN deadline_day_counts INTEGER NOT NULL DEFAULT 1 "
               "CHECK (deadline_day_counts IN (0, 1))")
    # The day the head-of-unit evaluation was decided: a list "as of" an earlier day ignores it.
    # NULL for the evaluations entered before: they count from the end of their year.
    db.execute("ALTER TABLE head_evaluation ADD COLUMN decided_on TEXT "
               "CHECK (decided_on IS NULL OR date(decided_on, '+0 days') IS decided_on)")


def create_recognitions(db: Database) -> None:
    # An initiative recognised as a sáng kiến, by which body, under which decision, with what scope of
    # effect. initiative_id: one of a campaign's initiatives; NULL: an initiative outside any campaign,
    # then named here (title, unit, year) with its authors in recognition_author.
    db.execute(
        """
        CREATE TABLE initiative_recognition (
            id INTEGER PRIMARY KEY,
            initiative_id INTEGER REFERENCES initiative(id) ON DELETE CASCADE,
            title TEXT NOT NULL DEFAULT '',
            unit_id INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
            body TEXT NOT NULL CHECK (body IN ('co_so', 'quan', 'thanh_pho')),
            decision_number TEXT NOT NULL DEFAULT '',
            decision_date TEXT CHECK (decision_date IS NULL OR date(decision_date, '+0 days') IS decision_date),
            scope TEXT NOT NULL CHECK (scope IN ('pham_vi_don_vi', 'pham_vi_quan', 'pham_vi_thanh_pho', 'pham_vi_toan_quoc')),
            note TEXT NOT NULL DEFAULT '',
            CHECK ((initiative_id IS NULL) = (length(trim(title)) > 0)),
            CHECK (initiative_id IS NOT NULL OR unit_id IS NOT NULL),
            CHECK (initiative_id IS NOT NULL OR decision_date IS NOT NULL)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX initiative_recognition_initiative ON initiative_recognition(initiative_id)")
    db.execute(
        """
        CREATE TABLE recognition_author (
            recognition_id INTEGER NOT NULL REFERENCES initiative_recognition(id) ON DELETE CASCADE,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            role TEXT NOT NULL DEFAULT 'tham_gia' CHECK (role IN ('chu_tri', 'tham_gia')),
            share REAL CHECK (share IS NULL OR (share > 0 AND share <= 100)),
            PRIMARY KEY (recognition_id, staff_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX recognition_author_staff ON recognition_author(staff_id)")
    # The initiatives ticked "recognised at the cơ sở" before: a record each, its decision not yet
    # written down (the secretary completes it).
    db.execute(
        "INSERT INTO initiative_recognition (initiative_id, body, scope, note) SELECT id, 'co_so', 'pham_vi_don_vi', "
        "'Chuyển từ dấu “Được công nhận là sáng kiến cấp cơ sở”: hãy ghi số và ngày quyết định' "
        "FROM initiative WHERE recognised = 1"
    )
