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


def test_a_damaged_progress_record_is_one_line_and_doctor_repairs_it_without_losing_it(kata, sandbox):
    record = sandbox / ".kata" / "progress.db"
    record.parent.mkdir(exist_ok=True)
    record.write_text("not a database")
    listed = kata("list")
    assert listed.exit_code == 2 and "kata doctor --repair" in listed.output and "Traceback" not in listed.output
    doctor = kata("doctor")
    assert doctor.exit_code == 1 and "✗ progress record" in doctor.output, doctor.output
    repaired = kata("doctor", "--repair")
    assert repaired.exit_code == 0 and "set the damaged progress record aside" in repaired.output.lower()
    kept = list(record.parent.glob("progress.db.damaged-*"))
    assert kept and kept[0].read_text() == "not a database", "the damaged file must be kept, not deleted"
    assert kata("list").exit_code == 0


def test_a_progress_record_with_foreign_tables_is_refused_with_a_way_out(kata, sandbox):
    import sqlite3

    record = sandbox / ".kata" / "progress.db"
    record.parent.mkdir(exist_ok=True)
    with sqlite3.connect(record) as db:
        db.execute("create table checks (who text, what text)")
    listed = kata("list")
    assert listed.exit_code == 2 and "lacks" in listed.output and "kata doctor --repair" in listed.output
