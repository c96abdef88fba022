"""``python -m proposals``."""

from proposals.cli.main import main

raise SystemExit(main())
