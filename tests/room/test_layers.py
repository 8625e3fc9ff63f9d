"""The room server holds itself to the layering the katas teach, checked by import-linter."""

from __future__ import annotations

import textwrap

from importlinter.cli import lint_imports

CONTRACTS = """
[importlinter]
root_package = checker
include_external_packages = True

[importlinter:contract:room-layers]
name = The room server is layered: interface, infrastructure, application, domain
type = layers
layers =
    checker.room.interface
    checker.room.infrastructure
    checker.room.application
    checker.room.domain

[importlinter:contract:room-pure-core]
name = The room's domain and use cases know no framework, database or HTTP client
type = forbidden
source_modules =
    checker.room.domain
    checker.room.application
forbidden_modules =
    fastapi
    starlette
    uvicorn
    pydantic
    sqlalchemy
    httpx2
    checker.cli

[importlinter:contract:room-infrastructure]
name = The room's adapters know nothing of the HTTP edge
type = forbidden
source_modules =
    checker.room.infrastructure
forbidden_modules =
    fastapi
    starlette
    uvicorn
    checker.room.interface

[importlinter:contract:room-client]
name = The learner's client imports no server code and no web framework
type = forbidden
source_modules =
    checker.room.client
forbidden_modules =
    fastapi
    starlette
    uvicorn
    sqlalchemy
    pydantic
    checker.room.domain
    checker.room.application
    checker.room.infrastructure
    checker.room.interface
    checker.cli
"""


def test_the_room_keeps_its_layers_and_its_client_apart(tmp_path, capsys):
    config = tmp_path / "room.importlinter"
    config.write_text(textwrap.dedent(CONTRACTS), encoding="utf-8")
    code = lint_imports(config_filename=str(config), no_cache=True)
    report = capsys.readouterr().out
    assert code == 0, f"import-linter reports a broken room contract:\n{report[-3000:]}"
    assert report.count("KEPT") == 4, report[-3000:]


def test_the_contracts_catch_a_use_case_that_imports_fastapi(tmp_path, capsys, monkeypatch):
    # The contract is only worth its test if it fails when broken: a throwaway package proves it.
    package = tmp_path / "fakeroom"
    for layer in ("domain", "application", "infrastructure", "interface", "client"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "application" / "uses.py").write_text("import fastapi\nfrom fakeroom.interface import x\n")
    (package / "interface" / "x.py").write_text("")
    config = tmp_path / "fake.importlinter"
    config.write_text(
        textwrap.dedent(CONTRACTS)
        .replace("    checker.cli\n", "")
        .replace("checker.room", "fakeroom")
        .replace("root_package = checker", "root_package = fakeroom"),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    code = lint_imports(config_filename=str(config), no_cache=True)
    report = capsys.readouterr().out
    assert code == 1 and report.count("BROKEN") >= 2, report[-3000:]
