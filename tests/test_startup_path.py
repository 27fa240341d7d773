"""main.py opens the window without the command line (issue #19): only the window's own options, written
exactly, take that path; everything else goes to the parser of cli.commands, with the same results and
messages as before."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from cli.commands import parse_arguments
from tests.cli_helpers import ROOT, demo, run  # noqa: F401  (demo: a fixture)

WINDOW_FORMS = [
    [],
    ["--db", "x.sqlite3"],
    ["--db=x.sqlite3"],
    ["--db", "a b/x.sqlite3", "--quit-after-show"],
    ["--quit-after-show", "--db", "x.sqlite3"],
    ["--db", "x.sqlite3", "--screenshots", "anh"],
    ["--screenshots=anh", "--db=dir=1/x.sqlite3"],
    ["--db", "init"],  # a file named like a command, as the parser reads it too
    ["--quit-after-show"],
]

PARSER_FORMS = [
    ["--help"], ["-h"], ["--db"], ["--db", "--quit-after-show"], ["--db="], ["--db", ""], ["--db", "-"],
    ["--d", "x.sqlite3"], ["--quit"], ["--quit-after-show=1"], ["--quit-after-show", "--quit-after-show"],
    ["--db", "x", "--db", "y"], ["--db", "x", "--", "y"], ["--db", "x", "extra"], ["--bogus"], ["-x"],
    ["init", "--db", "x"], ["check"], ["--db", "x", "check"], ["--screenshots"], ["--version"],
]


@pytest.mark.parametrize("argv", WINDOW_FORMS, ids=" ".join)
def test_the_window_forms_give_what_the_parser_gives(argv):
    args = parse_arguments(argv)
    assert args.command is None
    assert main.window_options(argv) == {"db": args.db, "screenshots": args.screenshots,
                                         "quit_after_show": args.quit_after_show}


@pytest.mark.parametrize("argv", PARSER_FORMS, ids=" ".join)
def test_anything_else_goes_to_the_parser(argv):
    assert main.window_options(argv) is None


def _imported_modules(stderr: str) -> set[str]:
    """The modules ``python -X importtime`` says were imported (by an import statement: not one imported
    by ``importlib.import_module``, such as a screen)."""
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_python_main_py_opens_the_window_without_the_command_line(demo):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "main.py"), "--db", str(demo),
                           "--quit-after-show"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("shown ")
    loaded = _imported_modules(done.stderr)
    assert {"ui.main_window", "ui.kit.list_page"} <= loaded  # (the screen, imported by name, is not listed)
    assert sorted(m for m in loaded if m == "cli" or m.startswith("cli.")) == []


def test_a_usage_error_near_the_window_options_is_said_as_before(tmp_path):
    for args, message in [
        (["--db"], "argument --db: expected one argument"),
        (["--db", str(tmp_path / "x.sqlite3"), "--bogus"], "unrecognized arguments: --bogus"),
        (["--quit-after-show=1"], "argument --quit-after-show: ignored explicit argument '1'"),
        (["--screenshots"], "argument --screenshots: expected one argument"),
    ]:
        result = run(*args)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr.startswith("usage: main.py [-h] [--db DB] [--screenshots DIR]\n"), args
        assert result.stderr.endswith(f"\nLỗi cách dùng: {message}\n"), args
    assert not (tmp_path / "x.sqlite3").exists()


def test_help_lists_the_commands_and_the_window_options():
    result = run("--help")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("usage: main.py [-h] [--db DB] [--screenshots DIR]\n")
    assert "{demo,init,template,import,export,propose,unit,campaign,backup,restore,check,report}" in result.stdout
    assert "--screenshots DIR     lưu ảnh từng màn hình rồi thoát" in result.stdout


def test_an_abbreviated_option_still_opens_the_window(demo):
    result = run("--d", demo, "--quit")  # the parser's prefixes: --db, --quit-after-show
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shown ")


def test_the_command_lines_names_are_still_read_from_main():
    import cli.commands

    assert main.HANDLERS is cli.commands.HANDLERS and main.KINDS is cli.commands.KINDS
    assert main.build_parser is cli.commands.build_parser and main.run_command is cli.commands.run_command
    with pytest.raises(AttributeError, match="no attribute 'nosuch'"):
        main.nosuch  # noqa: B018
    assert Path(main.__file__).name == "main.py"
