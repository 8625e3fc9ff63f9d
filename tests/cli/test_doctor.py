import json


def test_doctor_checks_python_packages_sqlite_and_folders(kata):
    result = kata("doctor")
    assert result.exit_code == 0, result.output
    for name in ("Python", "fastapi", "sqlalchemy", "SQLite features", "writable folders"):
        assert any(line.startswith("✓ " + name) for line in result.output.splitlines()), f"{name}: {result.output}"
    assert "Ready." in result.output


def test_doctor_as_json_lists_each_finding(kata):
    found = json.loads(kata("doctor", "--json").output)
    assert all({"name", "ok", "detail", "fix"} <= set(f) for f in found) and all(f["ok"] for f in found)
