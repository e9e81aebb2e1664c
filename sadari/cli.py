"""The ``sadari`` console script: Django management commands under one name.

``sadari import-orgs FILE`` runs ``manage.py import_orgs FILE``; later issues add
``sadari link``, ``sadari match``, ``sadari recommend-investors`` and ``sadari classify-titles``.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sadari.settings")
    from django.core.management import execute_from_command_line

    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["sadari", *args])


if __name__ == "__main__":
    main()
