"""The room page, its live board and the CSV export, rendered on the server.

Every value that came from a learner is escaped here, once, on its way into HTML or CSV.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from html import escape
from importlib.resources import files
from string import Template

from checker.inert import cell
from checker.room.domain.board import Board, KataColumn, Row
from checker.room.domain.model import Progress

_STATIC = files("checker.room.interface") / "static"
_PAGE = Template((_STATIC / "room.html").read_text(encoding="utf-8"))
_LOGIN = Template((_STATIC / "login.html").read_text(encoding="utf-8"))
_CSS = (_STATIC / "room.css").read_text(encoding="utf-8")
_JS = (_STATIC / "room.js").read_text(encoding="utf-8")


COMPACT_FROM = 16  # beyond this many learners, rows shrink so that a room of 60 fits a projector


def page(board: Board, *, join_url: str, etag: str) -> str:
    room = board.room
    return _PAGE.substitute(
        css=_CSS,
        js=_JS,
        name=escape(room.name),
        code=escape(room.code),
        join=escape(f"kata join {join_url} --room {room.code} --name YOUR-NAME"),
        board=board_fragment(board, etag=etag),
    )


def login(code: str) -> str:
    return _LOGIN.substitute(css=_CSS, code=escape(code))


def board_fragment(board: Board, *, etag: str) -> str:
    room, rows = board.room, board.rows
    head = "".join(_head(column, len(rows)) for column in board.columns)
    body = "".join(
        f'<tr><th scope="row" class="who">{escape(row.learner.name)}{_lookalike(row)}</th>'
        + "".join(_cell(row.cells.get(c.kata), board.now) for c in board.columns)
        + "</tr>"
        for row in rows
    )
    if not rows:
        body = f'<tr><td class="empty" colspan="{len(board.columns) + 1}">Nobody has joined yet.</td></tr>'
    status = "" if room.is_open else f'<p class="closed">This room is {room.status}: it takes no more reports.</p>'
    return (
        f'<section id="board" data-etag="{escape(etag)}" data-status="{room.status}">{status}'
        f'<table class="grid{" compact" if len(rows) > COMPACT_FROM else ""}"><thead><tr><th class="who">{len(rows)} learner{"s" if len(rows) != 1 else ""}</th>'
        f"{head}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="stamp">updated {board.now:%H:%M:%S} UTC</p></section>'
    )


def _lookalike(row: Row) -> str:
    if not row.lookalike:
        return ""
    why = "Another name in this room reads the same; the number is this learner's id (kata join --json shows it)."
    return f' <span class="alike" title="{escape(why)}">≈ #{row.learner.id}</span>'


def _head(column: KataColumn, learners: int) -> str:
    hardest = (
        "no task failing"
        if column.hardest is None
        else f"most failing: task {column.hardest[0]} ({column.hardest[2]} learner{'s' if column.hardest[2] != 1 else ''})"
    )
    hardest_title = "" if column.hardest is None else escape(column.hardest[1])
    median = "median —" if column.median_done is None else f"median {_duration(column.median_done)}"
    return (
        f'<th scope="col" class="kata"><span class="id">{escape(column.kata)}</span>'
        f'<span class="title">{escape(column.title)}</span>'
        f'<span class="done">{column.done}/{learners} pass public checks</span>'
        f'<span class="hard" title="{hardest_title}">{hardest}</span>'
        f'<span class="median">{median}</span></th>'
    )


def _cell(progress: Progress | None, now: datetime) -> str:
    if progress is None:
        return '<td class="cell none">·</td>'
    tone = "ok" if progress.done else "mid" if progress.last >= 50 else "low"
    failing = ", ".join(str(n) for n, _ in progress.failing)
    note = "✓ public" if progress.done else f"failing {failing}" if failing else ""
    return (
        f'<td class="cell {tone}"><span class="score">{progress.best:g}</span>'
        f'<span class="time">{_duration(progress.spent(now))}</span><span class="note">{escape(note)}</span></td>'
    )


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


EXPORT_HEADER = ("learner", "kata", "best", "last", "checks", "done", "minutes", "started_at", "finished_at", "failing")


def export_csv(board: Board) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    for row in board.rows:
        for kata, p in sorted(row.cells.items()):
            writer.writerow(
                (
                    cell(row.learner.name),
                    kata,
                    f"{p.best:g}",
                    f"{p.last:g}",
                    p.checks,
                    "yes" if p.done else "no",
                    round(p.spent(board.now).total_seconds() / 60, 1),
                    p.started_at.isoformat(),
                    p.finished_at.isoformat() if p.finished_at else "",
                    " ".join(str(n) for n, _ in p.failing),
                )
            )
    return out.getvalue()
