"""The room server holds itself to the layering the katas teach. Its contracts live in pyproject.toml,
where `lint-imports` (and tests/tooling/test_lint.py) reads them; here they prove they can fail."""

from __future__ import annotations

import json
import tomllib

from importlinter.cli import lint_imports

from tests.conftest import ROOT

CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
ROOM = [
    c for c in CONTRACTS if all(str(m).startswith("checker.room") for m in c.get("source_modules", c.get("layers", [])))
]


def test_pyproject_holds_the_four_room_contracts():
    kinds = sorted(c["type"] for c in ROOM)
    assert kinds == ["forbidden", "forbidden", "forbidden", "layers"], [c["name"] for c in ROOM]


def _as_toml(contracts: list[dict[str, object]], root: str) -> str:
    lines = ["[tool.importlinter]", f"root_packages = [{json.dumps(root)}]", "include_external_packages = true", ""]
    for contract in contracts:
        lines.append("[[tool.importlinter.contracts]]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in contract.items()]
        lines.append("")
    return "\n".join(lines)


def test_the_room_contracts_catch_a_use_case_that_imports_fastapi(tmp_path, capsys, monkeypatch):
    # A contract is only worth its test if it fails when broken: a throwaway package proves it.
    package = tmp_path / "fakeroom"
    for layer in ("domain", "application", "infrastructure", "interface", "client"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "application" / "uses.py").write_text("import fastapi\nfrom fakeroom.interface import x\n")
    (package / "interface" / "x.py").write_text("")
    renamed = json.loads(json.dumps(ROOM).replace("checker.room", "fakeroom"))
    for contract in renamed:  # the fake has no command line to forbid
        if "forbidden_modules" in contract:
            contract["forbidden_modules"] = [m for m in contract["forbidden_modules"] if not m.startswith("checker.")]
    config = tmp_path / "fake.toml"
    config.write_text(_as_toml(renamed, "fakeroom"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code = lint_imports(config_filename=str(config), no_cache=True)
    report = capsys.readouterr().out
    assert code == 1 and report.count("BROKEN") >= 2, report[-3000:]
