"""The command line's parts (main.py is the entry point and the table of commands)."""
