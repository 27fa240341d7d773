"""The bodies of the campaign migrations of issue 13 (registered in ``models.store.schema``):

- 0019: an initiative's authors carry their role (chủ trì / tham gia) and share, as units report
  them; the year-end review can also take the authors of initiatives assessed "Hiệu quả".
- 0020: whether a campaign's deadline day itself is on time ("chậm nhất ngày X") or not ("trước
  ngày X"); the day a head-of-unit evaluation was decided.

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
