#!/usr/bin/env python
import getpass
import os
import sys

# Commands that change no content, or serve requests that carry their own context.
UNRECORDED = {
    "runserver",
    "migrate",
    "makemigrations",
    "collectstatic",
    "check",
    "test",
    "backup",
    "restore",
}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplatform.settings")
    from django.core.management import execute_from_command_line

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in UNRECORDED or command.startswith("-") or not command:
        execute_from_command_line(sys.argv)
        return
    import django

    django.setup()
    import pghistory

    from peaceplatform.db_routing import use_primary

    # Every change a command makes is recorded in the history as made by this command;
    # its reads see the primary, never a replica that may lag behind its own writes.
    with use_primary(), pghistory.context(command=command, os_user=getpass.getuser()):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
