"""docs/engines.md's PyIceberg and DuckDB blocks, run as written against the warehouse under test."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import PROJECT

PLACEHOLDER = "/path/to/warehouse"


def block(name: str) -> str:
    page = (PROJECT / "docs" / "engines.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- engines-test: {name} -->\s*```[a-z]*\n(.*?)```", page, re.S)
    assert found, f"docs/engines.md has no block marked {name}"
    return found.group(1)


def expected(trail) -> Counter:
    """(account, result) -> [sign-ins, without MFA], from the trail files."""
    answer = Counter()
    for r in trail.events:
        if r["eventName"] == "ConsoleLogin" and r["eventTime"] >= "2026-11-01T00:00:00Z":
            key = (r["recipientAccountId"], r["responseElements"]["ConsoleLogin"])
            answer[key + ("sign_ins",)] += 1
            answer[key + ("without_mfa",)] += (r.get("additionalEventData") or {}).get("MFAUsed") != "Yes"
    return answer


def as_counter(frame) -> Counter:
    out = Counter()
    for row in frame.to_dict("records"):
        out[(row["account"], row["login_result"], "sign_ins")] += int(row["sign_ins"])
        out[(row["account"], row["login_result"], "without_mfa")] += int(row["without_mfa"])
    return +out


@pytest.mark.parametrize("name", ["pyiceberg", "duckdb"])
def test_the_engines_page_answers_its_question(name, warehouse, trail):
    scope: dict = {}
    exec(compile(block(name).replace(PLACEHOLDER, str(warehouse)), f"docs/engines.md#{name}", "exec"), scope)
    assert as_counter(scope["answer"]) == +expected(trail)
    assert sum(v for k, v in expected(trail).items() if k[2] == "sign_ins") > 100
