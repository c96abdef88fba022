"""The demo's table record: twelve sessions, caucus notes, two information requests, a package."""

from __future__ import annotations

import json

from conftest import CLI


def test_demo_sessions_requests_and_the_rejected_package(cli: CLI) -> None:
    cli("demo", "demo")
    days = json.loads(cli("-C", "demo", "session", "list", "--json").out)["sessions"]
    assert len(days) == 12 and not any(d["open"] for d in days)
    passes = json.loads(cli("-C", "demo", "log", "--json").out)["passes"]
    assert sum(len(d["passes"]) for d in days) == len(passes)  # every pass joined its session
    first = json.loads(cli("-C", "demo", "session", "show", days[0]["date"], "--json").out)
    assert first["union"] and first["employer"] and first["place"]
    assert any("caucused" in n["text"] for n in first["notes"])
    requests = json.loads(cli("-C", "demo", "session", "requests", "--json").out)["requests"]
    assert sorted(r["state"] for r in requests) == ["answered", "overdue"]
    status = json.loads(cli("-C", "demo", "status", "--json").out)
    assert [r["id"] for r in status["overdue_requests"]] == ["R-2"]
    (package,) = json.loads(cli("-C", "demo", "package", "list", "--json").out)["packages"]
    assert package["title"] == "Staffing with protected time" and package["state"] == "rejected"
    assert {"staffing", "admin-time"} <= set(package["parts"])
