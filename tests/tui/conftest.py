"""Fixtures every TUI test shares: the negotiation built once per run, a fresh copy per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_fixtures import build_negotiation


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_negotiation(tmp_path_factory.mktemp("template") / "negotiation")


@pytest.fixture
def repo_path(template_repo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the negotiation for each test, so flows can record passes freely."""
    target = tmp_path / "negotiation"
    shutil.copytree(template_repo, target, symlinks=True)
    return target
