"""The bodies of the document migrations (registered in ``models.store.schema``): 0022, who decides each
title or award by year; 0023, the number series (sổ văn bản) of each issuer and year; 0024, the council's
members, its meetings, who attended and the secret-ballot votes on each proposal, and the vote
thresholds. Never edit one once applied: add a migration.
"""
from __future__ import annotations

from sqlite_utils import Database


def create_award_authority(db: Database) -> None:
    # A row overrides the shipped default (models.yearend.authority) from its year on. Empty texts
    # are taken from the council's names when printed.
    db.execute(
        """
        CREATE TABLE award_authority (
            award TEXT NOT NULL CHECK (length(trim(award)) > 0),
            from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
            level TEXT NOT NULL CHECK (level IN ('local', 'council', 'higher')),
            decider TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            symbol TEXT NOT NULL CHECK (length(trim(symbol)) > 0),
            signer_title TEXT NOT NULL DEFAULT '',
            legal_basis TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (award, from_year)
        ) STRICT
        """
    )


def create_document_register(db: Database) -> None:
    # One row per number taken in an issuer's book for a year: "08/QĐ-UBND" is number 8 of symbol QĐ-UBND.
    db.execute(
        """
        CREATE TABLE document_register (
            id INTEGER PRIMARY KEY,
            symbol TEXT NOT NULL CHECK (length(trim(symbol)) > 0),
            year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99999),
            subject TEXT NOT NULL DEFAULT '',
            issued_on TEXT CHECK (issued_on IS NULL OR date(issued_on) = issued_on),
            UNIQUE (symbol, year, number)
        ) STRICT
        """
    )


def create_council_meetings(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE council_member (
            id INTEGER PRIMARY KEY,
            full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            role TEXT NOT NULL DEFAULT 'Ủy viên',
            position TEXT NOT NULL DEFAULT '',
            sort INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE council_meeting (
            id INTEGER PRIMARY KEY,
            meeting_key TEXT NOT NULL UNIQUE,
            held_on TEXT CHECK (held_on IS NULL OR date(held_on) = held_on),
            place TEXT NOT NULL DEFAULT '',
            chair TEXT NOT NULL DEFAULT '',
            secretary TEXT NOT NULL DEFAULT '',
            agenda TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE meeting_attendance (
            meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
            member_id INTEGER NOT NULL REFERENCES council_member(id) ON DELETE RESTRICT,
            present INTEGER NOT NULL CHECK (present IN (0, 1)),
            PRIMARY KEY (meeting_id, member_id)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE meeting_vote (
            meeting_id INTEGER NOT NULL REFERENCES council_meeting(id) ON DELETE CASCADE,
            award TEXT NOT NULL,
            issued INTEGER NOT NULL CHECK (issued >= 0),
            returned INTEGER NOT NULL CHECK (returned BETWEEN 0 AND issued),
            valid INTEGER NOT NULL CHECK (valid BETWEEN 0 AND returned),
            agreed INTEGER NOT NULL CHECK (agreed BETWEEN 0 AND valid),
            PRIMARY KEY (meeting_id, award)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE vote_threshold (
            award TEXT NOT NULL,
            from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2000 AND 2100),
            percent REAL NOT NULL CHECK (percent BETWEEN 0 AND 100),
            PRIMARY KEY (award, from_year)
        ) STRICT
        """
    )


def add_register_about(db: Database) -> None:
    """What a number of the book belongs to, kept apart from its readable subject: "year:2025" (the
    titles of a year) or "campaign:7" (a campaign's package). The subject held the campaign's name,
    so a renamed campaign lost its numbers and two campaigns of one name shared them. Rows already
    there are matched by their subject: the year's, or the campaign of that name begun last on or
    before the day the number was issued (31/12 of its year when no day was kept); none is left "" (it
    is then shown by no package, as it was not once its campaign was renamed)."""
    db.execute("ALTER TABLE document_register ADD COLUMN about TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, year, subject, issued_on FROM document_register").fetchall()
    campaigns = db.execute("SELECT id, name, start_date FROM campaign ORDER BY start_date DESC, id DESC").fetchall()
    for row_id, year, subject, issued_on in rows:
        _kind, _sep, about = subject.partition(" - ")
        key = ""
        if about.startswith("danh hiệu thi đua năm ") and about[-4:].isdigit():
            key = f"year:{about[-4:]}"
        else:
            day = issued_on or f"{year}-12-31"
            begun = [c_id for c_id, name, start in campaigns if name == about and start <= day]
            key = f"campaign:{begun[0]}" if begun else ""
        if key:
            db.execute("UPDATE document_register SET about = ? WHERE id = ?", [key, row_id])
