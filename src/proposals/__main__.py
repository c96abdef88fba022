"""``python -m proposals``."""

from .cli import main

raise SystemExit(main())
