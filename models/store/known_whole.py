"""The database file as the program last left it whole: the quick check before opening is skipped
for a file nothing has touched since.

SQLite's quick check reads every page of the file: 20-30 ms on a city's database of 20,000 people,
about five times that at 100,000, on every start. It is there for a file damaged while the program
was not using it (a power cut during a write, a copy made while it was written, a disk error).

When the window closes normally, the program notes the file's fingerprint: the size and
modification time (in nanoseconds) of the database and of its ``-wal`` file, with the file's
identity (device and inode number). It notes it only for a file found whole: the file unchanged
since the quick check at that start, or, when the session changed it, after a quick check made
then, at the close. At the next start a file with the same fingerprint is the file that was
checked: nothing has written to it since (any write, by this program, by another or by a copy,
changes the modification time or the size). Any difference, a crash (nothing noted), a restore, a
command-line import, a copy over it, and the quick check runs before opening, as always.

Left out by design: damage that changes neither size nor time (a disk's own silent error). The
backup taken right after the window shows (models.store.backup.automatic_backup) reads every table
and quick-checks its copy, so that is found within the first seconds too.

The note is a small file in the ``backups`` folder beside the database (:data:`NOTE_NAME`, one entry
per database of the folder); writing or reading it never stops the program: without it the check
simply runs.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

NOTE_NAME = "da-kiem-tra.json"  # "checked": {database path: fingerprint}
KEPT = 20  # databases noted per folder

Fingerprint = list  # [[dev, ino, size, mtime_ns] of the file, [size, mtime_ns] of the -wal or None (absent or empty)]


def fingerprint(path: str | Path) -> Fingerprint | None:
    """What changes whenever the file is written; None when there is no file to open."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        wal_part = [wal.st_size, wal.st_mtime_ns] if wal.st_size else None  # (an empty one holds nothing)
    except OSError:
        wal_part = None
    return [[st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns], wal_part]


def _note_path(path: Path) -> Path:
    from models.store.backup import backups_dir

    return backups_dir(path) / NOTE_NAME


def _notes(note: Path) -> dict:
    try:
        notes = json.loads(note.read_text(encoding="utf-8"))
    except Exception:  # unreadable, not JSON, nested too deep...: no note, the check runs
        return {}
    return notes if isinstance(notes, dict) else {}


def known_whole(path: str | Path, now: Fingerprint | None = None) -> bool:
    """Whether the file is exactly as the program last found it whole (see the module's text)."""
    path = Path(path)
    now = fingerprint(path) if now is None else now
    if now is None:
        return False
    try:
        return _notes(_note_path(path)).get(str(path.resolve())) == now
    except Exception:  # (a path that cannot be resolved...): not known, the check runs
        return False


def remember_whole(path: str | Path, found: Fingerprint) -> bool:
    """Note ``found`` as the fingerprint of the file found whole (the note written whole or not at
    all; the notes of the other databases of the folder kept, the :data:`KEPT` latest)."""
    path = Path(path)
    note = _note_path(path)
    notes = _notes(note)
    notes.pop(str(path.resolve()), None)
    notes[str(path.resolve())] = found  # (the latest last)
    notes = dict(list(notes.items())[-KEPT:])
    partial = note.with_name(f".{NOTE_NAME}.{os.urandom(4).hex()}.partial")
    try:
        note.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(notes, ensure_ascii=False), encoding="utf-8")
        partial.replace(note)
    except OSError:
        try:
            partial.unlink(missing_ok=True)
        except OSError:  # (no folder to hold it: nothing was written)
            pass
        return False
    return True


def remember_at_close(path: str | Path, found_at_start: Fingerprint | None) -> bool:
    """When the window closes (every connection to the file closed): note the file as whole if it
    is unchanged since it was found whole at the start (``found_at_start``), or else if a quick
    check finds it whole now. True when noted."""
    now = fingerprint(path)
    if now is None:
        return False
    if now != found_at_start and not (_passes_quick_check(path) and fingerprint(path) == now):
        return False
    return remember_whole(path, now)


def _passes_quick_check(path: Path) -> bool:
    """SQLite's quick check ran and said "ok" (a file it cannot open or read is not whole)."""
    from models.store.backup import quick_check_outcome

    return quick_check_outcome(path)[1]
