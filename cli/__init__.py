"""The command line's parts: cli/commands.py holds the table of commands and the parser; main.py is the entry point
(it opens the window without importing them when no command is given)."""
