"""The schema, as numbered migrations. Never edit an applied migration: add the next one."""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations


class MigrationSet:
    """sqlite-utils' ``Migrations``, registered the same way (``@MIGRATIONS(name=..., transactional=...)``)
    without importing sqlite-utils: the library (about 35 ms to import, with click and pluggy) is loaded
    when the set is first used (``apply``, ``applied``, ``pending``...), which an up-to-date database does
    not need to open (models.store.db.connect). ``names`` are the registered names, in order."""

    def __init__(self, name: str):
        self.name = name
        self._registered: list[tuple[str, object, bool]] = []
        self._set: Migrations | None = None

    def __call__(self, *, name: str | None = None, transactional: bool = True):
        def inner(fn):
            migration_name = name or fn.__name__
            if migration_name in self.names:  # as sqlite-utils refuses it
                raise ValueError(f"Migration '{migration_name}' is already registered in set '{self.name}'")
            self._registered.append((migration_name, fn, transactional))
            self._set = None
            return fn

        return inner

    @property
    def names(self) -> list[str]:
        return [name for name, _, _ in self._registered]

    def _migrations_set(self) -> Migrations:
        if self._set is None:
            from sqlite_utils.migrations import Migrations

            migrations = Migrations(self.name)
            for name, fn, transactional in self._registered:
                migrations(name=name, transactional=transactional)(fn)
            self._set = migrations
        return self._set

    def __getattr__(self, attribute: str):  # apply, applied, pending, ensure_migrations_table...
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self._migrations_set(), attribute)


MIGRATIONS = MigrationSet("tdkt")

# The CHECK value lists are written out, never read from the enums of models.common.codes: a migration
# creates the same table whatever codes a later version adds (a new code comes with a new migration).

# A real calendar date in ISO form, nothing else. The '+0 days' modifier makes SQLite older than
# 3.46 normalise 2018-02-31 to 2018-03-03, so an impossible date no longer equals itself.
_DATE = "date({c}, '+0 days') IS {c}"


def _date_check(column: str, nullable: bool = True) -> str:
    check = _DATE.format(c=column)
    return f"CHECK ({column} IS NULL OR {check})" if nullable else f"CHECK ({check})"


@MIGRATIONS(name="0001_units_and_staff")
def m0001_units_and_staff(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20 AND code = upper(trim(code))),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_folded TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('co_quan', 'su_nghiep', 'mat_tran', 'dang', 'phuong', 'khac')),
            head_name TEXT NOT NULL DEFAULT '',
            head_title TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 30 AND code = upper(trim(code))),
            full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            name_folded TEXT NOT NULL,
            birth_date TEXT {_date_check('birth_date')},
            gender TEXT NOT NULL CHECK (gender IN ('nam', 'nu')),
            position TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL CHECK (category IN ('can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong')),
            is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
            recruited_on TEXT {_date_check('recruited_on')},
            ended_on TEXT {_date_check('ended_on')},
            CHECK (ended_on IS NULL OR recruited_on IS NULL OR ended_on >= recruited_on),
            CHECK (birth_date IS NULL OR recruited_on IS NULL OR recruited_on > birth_date)
        ) STRICT
        """
    )
    # Membership history: the person belongs to unit_id from start_date until the next row's
    # start_date. The first row starts at the recruitment date, or 0001-01-01 when unknown.
    db.execute(
        f"""
        CREATE TABLE staff_unit (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            start_date TEXT NOT NULL {_date_check('start_date', nullable=False)},
            UNIQUE (staff_id, start_date)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX staff_unit_unit ON staff_unit(unit_id)")
    db.execute("CREATE INDEX unit_name_folded ON unit(name_folded)")
    db.execute("CREATE INDEX staff_name_folded ON staff(name_folded)")
    db.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")


@MIGRATIONS(name="0002_campaigns_initiatives_heads")
def m0002_campaigns_initiatives_heads(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE campaign (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            start_date TEXT NOT NULL {_date_check('start_date', nullable=False)},
            registration_deadline TEXT NOT NULL {_date_check('registration_deadline', nullable=False)},
            report_deadline TEXT NOT NULL {_date_check('report_deadline', nullable=False)},
            description TEXT NOT NULL DEFAULT '',
            max_per_unit INTEGER NOT NULL DEFAULT 1 CHECK (max_per_unit BETWEEN 1 AND 50),
            CHECK (registration_deadline >= start_date),
            CHECK (report_deadline >= registration_deadline)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE campaign_field (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            UNIQUE (campaign_id, name)
        ) STRICT
        """
    )
    # A participating unit; its own deadlines (NULL: the campaign's) serve a unit that joined late.
    db.execute(
        f"""
        CREATE TABLE campaign_unit (
            campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            joined_on TEXT NOT NULL {_date_check('joined_on', nullable=False)},
            registration_deadline TEXT {_date_check('registration_deadline')},
            report_deadline TEXT {_date_check('report_deadline')},
            PRIMARY KEY (campaign_id, unit_id),
            CHECK (report_deadline IS NULL OR registration_deadline IS NULL
                   OR report_deadline >= registration_deadline)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX campaign_unit_unit ON campaign_unit(unit_id)")
    db.execute(
        f"""
        CREATE TABLE initiative (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            title_folded TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('mo_hinh', 'sang_kien', 'giai_phap')),
            field TEXT NOT NULL DEFAULT '',
            registered_on TEXT NOT NULL {_date_check('registered_on', nullable=False)},
            description TEXT NOT NULL DEFAULT '',
            reported_on TEXT {_date_check('reported_on')},
            result_summary TEXT NOT NULL DEFAULT '',
            assessment TEXT CHECK (assessment IS NULL OR assessment IN ('tieu_bieu', 'hieu_qua', 'khong_hieu_qua')),
            assessment_note TEXT NOT NULL DEFAULT '',
            recognised INTEGER NOT NULL DEFAULT 0 CHECK (recognised IN (0, 1)),
            CHECK (reported_on IS NULL OR reported_on >= registered_on),
            FOREIGN KEY (campaign_id, unit_id) REFERENCES campaign_unit(campaign_id, unit_id)
                ON DELETE RESTRICT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX initiative_campaign_unit ON initiative(campaign_id, unit_id)")
    db.execute("CREATE INDEX initiative_unit ON initiative(unit_id)")
    db.execute(
        """
        CREATE TABLE initiative_author (
            initiative_id INTEGER NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            PRIMARY KEY (initiative_id, staff_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX initiative_author_staff ON initiative_author(staff_id)")
    db.execute(
        f"""
        CREATE TABLE head_evaluation (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            head_name TEXT NOT NULL DEFAULT '',
            head_title TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL CHECK (level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh')),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (unit_id, year)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE head_criterion (
            id INTEGER PRIMARY KEY,
            evaluation_id INTEGER NOT NULL REFERENCES head_evaluation(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            result TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )


MIGRATIONS(name="0003_quarterly_classification")(
    lambda db: import_module("models.store.schema_quarters").create_quarterly_classification(db))


# Every change the program makes to these tables is written to change_log by triggers: nothing a
# screen, an import or a command does escapes the history. (table, the column naming the unit)
TRACKED = {
    "unit": "id",
    "staff": None,
    "staff_unit": "unit_id",
    "campaign": None,
    "campaign_field": None,
    "campaign_unit": "unit_id",
    "initiative": "unit_id",
    "initiative_author": None,
    "head_evaluation": "unit_id",
    "head_criterion": None,
    "rule_set": None,
    "rule_cap": None,
    "rule_coefficient": None,
    "classification": "unit_id",
    "unit_quarter": "unit_id",
    "unit_quarter_event": "unit_id",
    "setting": None,
    "review_config": None,
    "award_adjustment": "unit_id",
    "award_approval": None,
    "discipline": None,
    "title_rule_set": None,
    "title_priority": None,
    "yearly_rating": None,
    "unit_succession": "from_unit_id",
    "staff_achievement": None,

    "award": "unit_id",
    "due_rule": None,
    "initiative_recognition": "unit_id",
    "recognition_author": None,
    "award_authority": None,
    "document_register": None,
    "council_member": None,
    "council_meeting": None,
    "meeting_attendance": None,
    "meeting_vote": None,
    "vote_threshold": None,
}


_UNLOGGED = {"name_folded", "title_folded", "form_folded", "snapshot"}  # a frozen list is in its own row (with its digest)
_LOG_COLUMNS = "INSERT INTO change_log (at, who, table_name, record_id, action, unit_id, old, new) "
_LOG_AT_WHO = ("strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), "
               "coalesce((SELECT who FROM session WHERE id = 1), '')")


def _logged_row(db: Database, table: str):
    """(the json_object of a row of ``table`` under an alias, the unit id of it, the logged columns)."""
    columns = [r[1] for r in db.execute(f'PRAGMA main.table_info("{table}")').fetchall() if r[1] not in _UNLOGGED]
    unit_column = TRACKED[table]

    def row(alias: str) -> str:
        return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"

    def unit(alias: str) -> str:
        return f'{alias}."{unit_column}"' if unit_column else "NULL"

    return row, unit, columns


# Who is working on a connection, read by its history triggers (models.store.db.set_session_who).
SESSION_SQL = "CREATE TEMP TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY, who TEXT NOT NULL)"


def change_trigger_sql(db: Database) -> list[str]:
    """The history triggers of every tracked table, from its current columns. They are TEMP
    triggers, created on each of the program's connections before its first statement that may write
    (see models.store.db.HistoryConnection), because they name the person working, which each
    connection keeps in its own temp table.

    A bulk import drops an insert trigger for the time of its insert, inside its transaction, and
    writes the same history rows with one statement (see :func:`inserted_log_sql`)."""
    statements = [SESSION_SQL]
    for table in TRACKED:
        row, unit, columns = _logged_row(db, table)
        changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
        insert = (_LOG_COLUMNS + "VALUES (" + _LOG_AT_WHO + ", "
                  f"'{table}', {{rowid}}, '{{action}}', {{unit}}, {{old}}, {{new}});")
        statements += [
            insert_trigger_sql(db, table),
            f'CREATE TEMP TRIGGER IF NOT EXISTS log_{table}_update AFTER UPDATE ON main."{table}" WHEN {changed} BEGIN '
            + insert.format(rowid="NEW.rowid", action="update", unit=unit("NEW"), old=row("OLD"), new=row("NEW"))
            + " END",
            f'CREATE TEMP TRIGGER IF NOT EXISTS log_{table}_delete AFTER DELETE ON main."{table}" BEGIN '
            + insert.format(rowid="OLD.rowid", action="delete", unit=unit("OLD"), old=row("OLD"), new="NULL")
            + " END",
        ]
    return statements


def insert_trigger_sql(db: Database, table: str) -> str:
    """The TEMP trigger writing the history of each row inserted into ``table``."""
    row, unit, _ = _logged_row(db, table)
    return (f'CREATE TEMP TRIGGER IF NOT EXISTS log_{table}_insert AFTER INSERT ON main."{table}" BEGIN '
            + _LOG_COLUMNS + "VALUES (" + _LOG_AT_WHO + f", '{table}', NEW.rowid, 'insert', {unit('NEW')}, NULL, "
            + row("NEW") + "); END")


def inserted_log_sql(db: Database, table: str) -> str:
    """One statement writing the history rows the insert trigger of ``table`` writes, for the rows
    whose rowid is above ``?`` (in rowid order, as they were inserted by one executemany)."""
    row, unit, _ = _logged_row(db, table)
    return (_LOG_COLUMNS + "SELECT " + _LOG_AT_WHO + f", '{table}', r.rowid, 'insert', {unit('r')}, NULL, {row('r')} "
            f'FROM main."{table}" AS r WHERE r.rowid > ? ORDER BY r.rowid')


@MIGRATIONS(name="0004_change_history")
def m0004_change_history(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE change_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            table_name TEXT NOT NULL,
            record_id INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            unit_id INTEGER,
            old TEXT,
            new TEXT
        ) STRICT
        """
    )
    # No secondary index: every import writes a history row per record, and the history screen reads
    # the newest rows by id (a scan of 100,000 rows for a filter is a few ms).
    # The history is written by triggers only: the program cannot edit or delete it.
    db.execute("CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN "
               "SELECT RAISE(ABORT, 'Nhật ký thay đổi không sửa được'); END")
    db.execute("CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN "
               "SELECT RAISE(ABORT, 'Nhật ký thay đổi không xóa được'); END")


@MIGRATIONS(name="0005_year_end_lists")
def m0005_year_end_lists(db: Database) -> None:
    # A list is named by its campaign (the review's commendation and criticism lists) or by its year
    # (the yearly titles), and a kind.
    list_key = """
            campaign_id INTEGER REFERENCES campaign(id) ON DELETE RESTRICT,
            year INTEGER CHECK (year IS NULL OR year BETWEEN 2000 AND 2100),
            list_kind TEXT NOT NULL CHECK (length(list_kind) > 0),"""
    key_check = "CHECK ((campaign_id IS NULL) <> (year IS NULL))"
    db.execute(
        f"""
        CREATE TABLE review_config (
            campaign_id INTEGER PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
            disabled_reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(disabled_reasons)),
            min_quarters INTEGER NOT NULL DEFAULT 2 CHECK (min_quarters BETWEEN 1 AND 4),
            required_level TEXT NOT NULL DEFAULT 'xuat_sac' CHECK (required_level IN ('xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'))
        ) STRICT
        """
    )
    # Adding an entry or removing a candidate; the reason is kept, never printed.
    db.execute(
        f"""
        CREATE TABLE award_adjustment (
            id INTEGER PRIMARY KEY,{list_key}
            action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
            unit_id INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
            staff_id INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
            text TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            at TEXT NOT NULL,
            who TEXT NOT NULL DEFAULT '',
            CHECK ((unit_id IS NULL) <> (staff_id IS NULL)),
            CHECK (action = 'remove' OR length(trim(text)) > 0),
            {key_check}
        ) STRICT
        """
    )
    db.execute("CREATE INDEX award_adjustment_list ON award_adjustment(campaign_id, year, list_kind)")
    # An approved list is frozen: ``snapshot`` holds everything the printed list shows, ``digest`` its
    # SHA-256. Reopening keeps the row (with the reason) and a new approval adds another.
    db.execute(
        f"""
        CREATE TABLE award_approval (
            id INTEGER PRIMARY KEY,{list_key}
            decision_number TEXT NOT NULL CHECK (length(trim(decision_number)) > 0),
            decision_date TEXT NOT NULL {_date_check('decision_date', nullable=False)},
            signer_authority TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL CHECK (length(trim(signer_title)) > 0),
            signer_name TEXT NOT NULL CHECK (length(trim(signer_name)) > 0),
            issuer TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients)),
            as_of TEXT NOT NULL {_date_check('as_of', nullable=False)},
            snapshot TEXT NOT NULL,
            digest TEXT NOT NULL,
            approved_at TEXT NOT NULL,
            approved_by TEXT NOT NULL DEFAULT '',
            reopened_at TEXT,
            reopen_reason TEXT,
            reopened_by TEXT,
            CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL)),
            {key_check}
        ) STRICT
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX award_approval_open ON award_approval(coalesce(campaign_id, 0), coalesce(year, 0), "
        "list_kind) WHERE reopened_at IS NULL"
    )


@MIGRATIONS(name="0006_discipline")
def m0006_discipline(db: Database) -> None:
    # A disciplinary decision against a person; ``effective_year`` is the year whose titles it
    # bars (usually the decision's year).
    db.execute(
        f"""
        CREATE TABLE discipline (
            id INTEGER PRIMARY KEY,
            staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
            form TEXT NOT NULL CHECK (form IN ('khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec')),
            decision_number TEXT NOT NULL CHECK (length(trim(decision_number)) > 0),
            decision_date TEXT NOT NULL {_date_check('decision_date', nullable=False)},
            effective_year INTEGER NOT NULL CHECK (effective_year BETWEEN 2000 AND 2100),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (staff_id, decision_number)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX discipline_year ON discipline(effective_year)")


def _body(module: str, body: str):
    """A migration whose body is ``models.store.<module>.<body>``, imported when run (0007 on: each topic's
    bodies in their own module, so that this file stays a list)."""
    return lambda db: getattr(import_module(f"models.store.{module}"), body)(db)


MIGRATIONS(name="0007_title_rules")(_body("schema_titles", "create_title_tables"))  # the shipped 2018 regime
MIGRATIONS(name="0008_title_highest_bonus_only")(_body("schema_titles", "add_highest_bonus_only"))
MIGRATIONS(name="0009_yearly_rating")(_body("schema_quarters", "create_yearly_rating"))  # the year-end rating
# The unit kinds of a ward's council: the unit table is rebuilt (a CHECK cannot be altered), outside
# a transaction because the foreign keys are switched off for the copy (the body keeps it atomic).
MIGRATIONS(name="0010_ward_unit_kinds", transactional=False)(_body("schema_units", "add_ward_unit_kinds"))
MIGRATIONS(name="0012_unit_succession")(_body("schema_units", "create_unit_succession"))  # merges, splits
MIGRATIONS(name="0014_base_salaries_through_2024")(_body("schema_law", "base_salaries_through_2024"))
MIGRATIONS(name="0015_title_rule_shapes")(_body("schema_law", "title_rule_shapes"))  # the 2022 law's shapes
MIGRATIONS(name="0016_title_rules_2024_2025")(_body("schema_law", "title_rules_2024_and_2025"))
MIGRATIONS(name="0017_scores_and_level_caps")(_body("schema_quarters", "add_scores_and_level_caps"))  # NĐ 335
MIGRATIONS(name="0018_city_rule_sets_2024_2026")(_body("schema_quarters", "city_rule_sets_2024_2026"))
MIGRATIONS(name="0019_initiative_author_roles")(_body("schema_campaigns", "add_author_roles"))
MIGRATIONS(name="0020_deadline_day_and_decision_dates")(_body("schema_campaigns", "add_deadline_day_and_decision_dates"))
MIGRATIONS(name="0021_initiative_recognition")(_body("schema_campaigns", "create_recognitions"))
MIGRATIONS(name="0022_award_authority")(_body("schema_documents", "create_award_authority"))  # who decides
MIGRATIONS(name="0023_document_register")(_body("schema_documents", "create_document_register"))  # number books
MIGRATIONS(name="0024_council_meetings")(_body("schema_documents", "create_council_meetings"))  # members, votes
MIGRATIONS(name="0025_award_register")(_body("schema_awards", "create_award_table"))  # every award
MIGRATIONS(name="0026_due_rules")(_body("schema_awards", "create_due_rules"))  # who is due for the next award
MIGRATIONS(name="0027_document_register_about")(_body("schema_documents", "add_register_about"))  # by id
# Value lists of the bulk-imported tables as ORs (an IN list costs a temporary b-tree per inserted row).
MIGRATIONS(name="0028_checks_without_in_lists", transactional=False)(_body("schema_checks", "checks_without_in_lists"))
