"""TĐKT: the entry point. No command opens the window; the commands are in cli/commands.py.

``python main.py [--db PATH] [--screenshots DIR]`` opens the window straight away: the command line's
modules are not imported and its parser is not built (start-up time, issue #19). Anything else (a
command, --help, an option written another way, a missing value) goes to the command line's parser,
which opens the window too when no command was given. The commands and options are listed in the
README ("Command line"). Exit status: 0 success, 1 input rejected (messages on stderr), 2 usage error.

The command line's names stay readable here (``main.HANDLERS``, ``main.KINDS``, ``main.build_parser``...):
they are taken from cli.commands when first asked for.
"""
from __future__ import annotations

import os
import sys

from models.common.lazy_imports import defer_imports

defer_imports()  # before sqlite-utils is imported: what it seldom uses loads on first use

NO_DISPLAY = ("Không tìm thấy màn hình để mở cửa sổ chương trình (máy chưa có giao diện đồ họa, biến DISPLAY "
              "trống). Hãy chạy trên máy có màn hình; các lệnh dòng lệnh (python main.py --help) và "
              "--screenshots vẫn dùng được.")

# The window's own options, exactly as written: "--db PATH", "--db=PATH", "--screenshots DIR",
# "--screenshots=DIR" (name -> the attribute the parser gives it), and the flag --quit-after-show.
_WINDOW_OPTIONS = {"--db": "db", "--screenshots": "screenshots"}
_WINDOW_FLAG = "--quit-after-show"


def window_options(argv: list[str]) -> dict | None:
    """``{"db", "screenshots", "quit_after_show"}`` as the command line's parser gives them when ``argv``
    holds only the window's options, each once, with a value that cannot be read as an option; None for
    anything else (a command, --help, an abbreviation, an empty value...), which the parser settles."""
    from pathlib import Path

    found = {"db": None, "screenshots": None, "quit_after_show": False}
    seen = set()
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, equals, value = arg.partition("=")
        if arg == _WINDOW_FLAG and arg not in seen:
            found["quit_after_show"] = True
        elif name in _WINDOW_OPTIONS and name not in seen:
            if not equals:
                if i + 1 == len(argv):
                    return None
                i += 1
                value = argv[i]
            if not value or value.startswith("-"):
                return None
            found[_WINDOW_OPTIONS[name]] = Path(value)
        else:
            return None
        seen.add(name)
        i += 1
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = window_options(argv)
    if options is None:
        from cli.commands import parse_arguments, run_command

        args = parse_arguments(argv)
        if args.command:
            return run_command(args)
        options = {"db": args.db, "screenshots": args.screenshots, "quit_after_show": args.quit_after_show}
    return open_window(**options)


def _has_display(env, platform: str) -> bool:
    """Whether Qt can show a window: always on Windows and macOS; on Linux a display server (X11 or
    Wayland) or a Qt platform chosen by hand (QT_QPA_PLATFORM, e.g. offscreen in the tests)."""
    if not platform.startswith("linux"):
        return True
    return any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def open_window(db, screenshots, quit_after_show: bool) -> int:
    """The window on ``db`` (None: the database in the user's data folder); ends the process."""
    if not _has_display(os.environ, sys.platform):
        if screenshots is None and not quit_after_show:
            print(NO_DISPLAY, file=sys.stderr)
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # screenshots need no screen
    from models.store.backup import database_problem_in_background
    from models.store.db import default_db_path

    db_path = db or default_db_path()
    # SQLite's quick check goes on while Qt loads; then the first screen's rows are read (if the file is whole)
    checked = database_problem_in_background(db_path, read_ahead=first_screen_reads())
    from ui.app import run_gui

    status = run_gui(db_path, explicit=db is not None, screenshots=screenshots,
                     quit_after_show=quit_after_show, checked=checked)
    # The database is closed and everything is saved by now. Skip the interpreter's teardown:
    # with PySide6 6.12 on Python 3.11 it can abort after a long session (see tests/conftest.py).
    flush_output()
    os._exit(status)


def first_screen_reads() -> tuple:
    """What the first screen (Đơn vị) reads, read ahead in the quick check's thread while Qt loads
    (models.store.read_ahead)."""
    from models.people.units import list_units

    return (list_units,)


def flush_output() -> None:
    """Flush stdout and stderr; the Windows bundle (a window, no console) has neither: they are None."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def __getattr__(name: str):
    """``main.HANDLERS``, ``main.KINDS``, ``main.build_parser``...: the command line's (cli.commands)."""
    if name.startswith("__"):
        raise AttributeError(name)
    import cli.commands

    try:
        return getattr(cli.commands, name)
    except AttributeError:
        raise AttributeError(f"module 'main' has no attribute '{name}'") from None


if __name__ == "__main__":
    sys.exit(main())
