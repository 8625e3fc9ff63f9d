"""Discovers katas from `katas/*/kata.toml` and validates each file as it is read."""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.catalog.model import Kata, Task
from checker.errors import KataError

_ID = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
_CONTRACT = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*$")
_KATA_FIELDS = {
    "id",
    "title",
    "order",
    "summary",
    "minutes",
    "package",
    "contract",
    "tasks",
    "reviewer_checks",
    "processes",
}
_TASK_FIELDS = {"number", "title", "points", "hints", "starter_fails", "starter_says"}


class CatalogError(KataError):
    """A kata's metadata is wrong; the message names the file, the field and what is expected."""


class UnknownKata(CatalogError):
    def __init__(self, wanted: str, known: list[str]) -> None:
        close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
        close = close or [k for k in known if wanted and (wanted in k or k.startswith(wanted[:2]))][:1]
        guess = f" Did you mean {close[0]}?" if close else ""
        super().__init__(f"There is no kata '{wanted}'.{guess} Katas: {', '.join(known)}.")
        self.suggestion = close[0] if close else None


@dataclass(frozen=True)
class Catalog:
    root: Path
    katas: tuple[Kata, ...]

    @property
    def ids(self) -> list[str]:
        return [kata.id for kata in self.katas]

    def get(self, kata_id: str) -> Kata:
        for kata in self.katas:
            if kata.id == kata_id or kata.id.split("-", 1)[-1] == kata_id or kata.id[:2] == kata_id:
                return kata
        raise UnknownKata(kata_id, self.ids)

    def after(self, kata_id: str) -> Kata | None:
        ids = self.ids
        position = ids.index(kata_id)
        return self.katas[position + 1] if position + 1 < len(ids) else None


def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` upward, that holds `katas/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "katas").is_dir() and (folder / "pyproject.toml").is_file():
            return folder
    raise CatalogError(
        f"No kata catalog found in {here} or above it: run kata from inside the Inkwell Katas "
        "folder (the one that holds katas/ and pyproject.toml)."
    )


def load_catalog(root: Path | None = None) -> Catalog:
    root = (root or find_project_root()).resolve()
    katas = [load_kata(path) for path in sorted((root / "katas").glob("*/kata.toml"))]
    orders: dict[int, str] = {}
    for kata in katas:
        if kata.order in orders:
            raise CatalogError(
                f"katas/{kata.id}/kata.toml: field 'order' is {kata.order}, already used by "
                f"{orders[kata.order]}; expected a number no other kata uses."
            )
        orders[kata.order] = kata.id
    return Catalog(root=root, katas=tuple(sorted(katas, key=lambda k: k.order)))


def load_kata(path: Path) -> Kata:
    where = f"{path.parent.parent.name}/{path.parent.name}/kata.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{where}: not valid TOML ({error}); fix the syntax.") from None
    field = _Fields(where, data)
    field.no_unknown(_KATA_FIELDS, "")
    kata_id = field.text("id")
    if kata_id != path.parent.name or not _ID.match(kata_id):
        raise CatalogError(
            f"{where}: field 'id' is {kata_id!r}; expected the folder name, "
            f"{path.parent.name!r}, shaped like '03-n-plus-one'."
        )
    tasks = tuple(_task(where, index, raw) for index, raw in enumerate(field.table_list("tasks")))
    _check_tasks(where, tasks)
    return Kata(
        id=kata_id,
        title=field.text("title"),
        order=field.integer("order", minimum=0),
        summary=field.text("summary"),
        minutes=field.integer("minutes", minimum=1),
        package=field.text("package"),
        contract=_contract(where, field.text("package"), field.text("contract", default="")),
        tasks=tasks,
        root=path.parent.parent.parent,
        reviewer_checks=field.integer("reviewer_checks", minimum=0) if "reviewer_checks" in data else None,
        processes=field.integer("processes", minimum=1, maximum=4) if "processes" in data else 1,
    )


def _contract(where: str, package: str, contract: str) -> str:
    """The `module:name` the suites build the app through; its module lies inside the kata's package."""
    if contract and (not _CONTRACT.match(contract) or contract.split(".")[0].split(":")[0] != package):
        raise CatalogError(
            f"{where}: field 'contract' is {contract!r}; expected 'module:name' with the module inside "
            f"the package {package!r}, like '{package}.app:create_app'."
        )
    return contract


def _task(where: str, index: int, raw: dict[str, Any]) -> Task:
    field = _Fields(where, raw, prefix=f"tasks[{index}].")
    field.no_unknown(_TASK_FIELDS, f"tasks[{index}].")
    hints = field.text_list("hints")
    if len(hints) < 3:
        raise CatalogError(
            f"{where}: field 'tasks[{index}].hints' has {len(hints)} level(s); expected at least 3: "
            "a nudge toward the idea, the technique, the shape of the code."
        )
    return Task(
        number=field.integer("number", minimum=1),
        title=field.text("title"),
        points=field.integer("points", minimum=1),
        hints=tuple(hints),
        starter_fails=field.boolean("starter_fails", default=True),
        starter_says=field.text("starter_says", default=""),
    )


def _check_tasks(where: str, tasks: tuple[Task, ...]) -> None:
    numbers = [task.number for task in tasks]
    if numbers != list(range(1, len(tasks) + 1)):
        raise CatalogError(f"{where}: field 'tasks' is numbered {numbers}; expected 1, 2, 3 ... in order, no gaps.")
    total = sum(task.points for task in tasks)
    if total != 100:
        raise CatalogError(f"{where}: field 'tasks[].points' adds up to {total}; expected 100.")


class _Fields:
    """Reads typed fields from a TOML table, naming the file and the field when one is wrong."""

    def __init__(self, where: str, data: dict[str, Any], prefix: str = "") -> None:
        self.where, self.data, self.prefix = where, data, prefix

    def _fail(self, name: str, expected: str) -> CatalogError:
        got = self.data.get(name, None)
        seen = "missing" if name not in self.data else f"{got!r}"
        return CatalogError(f"{self.where}: field '{self.prefix}{name}' is {seen}; expected {expected}.")

    def _get(self, name: str, default: Any) -> Any:
        if name not in self.data and default is None:
            return None
        return self.data.get(name, default)

    def no_unknown(self, allowed: set[str], prefix: str) -> None:
        for name in self.data:
            if name not in allowed:
                raise CatalogError(
                    f"{self.where}: field '{prefix}{name}' is not known; expected one of {', '.join(sorted(allowed))}."
                )

    def text(self, name: str, default: str | None = None) -> str:
        value = self._get(name, default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self._fail(name, "a non-empty string")
        return value

    def integer(self, name: str, minimum: int, maximum: int | None = None) -> int:
        value = self.data.get(name)
        too_big = maximum is not None and isinstance(value, int) and value > maximum
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum or too_big:
            raise self._fail(
                name,
                f"a whole number from {minimum} to {maximum}" if maximum else f"a whole number of at least {minimum}",
            )
        return value

    def boolean(self, name: str, default: bool) -> bool:
        value = self.data.get(name, default)
        if not isinstance(value, bool):
            raise self._fail(name, "true or false")
        return value

    def text_list(self, name: str) -> list[str]:
        value = self.data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self._fail(name, "a list of non-empty strings")
        return value

    def table_list(self, name: str) -> list[dict[str, Any]]:
        value = self.data.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self._fail(name, "one or more [[tasks]] tables")
        return value
