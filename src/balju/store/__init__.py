"""Saved reviews (저장소): SQLite by default, PostgreSQL for teams.

``Store(url)`` keeps each review whole (the dict every report is written from, docs/review-json.md)
with its headline figures beside it for lists and searches, the files a batch could not review,
and the RFP files uploaded to the web app (``documents``), so a review can be re-priced from a
person's corrected function list. The web app and the batch runner talk to it; the core never does.

The database is chosen by ``url``, else the environment variable ``BALJU_DB``, else the SQLite
file ``balju.db`` in the working directory. A plain path ('out/balju.db') is a SQLite file.
PostgreSQL: ``postgresql+psycopg://user:password@host:5432/dbname``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from sqlalchemy import String, create_engine, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, defer, sessionmaker

from balju.errors import InputError
from balju.store import upgrade
from balju.store.models import DocumentRow, FailureRow, ReviewRow, utc_now

if TYPE_CHECKING:
    from balju.store.accounts import Accounts


class DocumentMismatch(InputError):
    """보관할 파일이 검토한 파일과 다름: the bytes given to keep are not the file the review names."""

DEFAULT_URL = "sqlite:///balju.db"
ENV_VAR = "BALJU_DB"
SEVERITIES = ("error", "warning", "info")

__all__ = ["DEFAULT_URL", "Failure", "ReviewSummary", "Store", "database_url"]


def database_url(url: str | None = None) -> str:
    """The database to use: ``url``, else $BALJU_DB, else ``sqlite:///balju.db``; a path is a SQLite file."""
    chosen = (url or os.environ.get(ENV_VAR) or DEFAULT_URL).strip()
    if "://" not in chosen:
        chosen = f"sqlite:///{chosen}"
    return chosen


@dataclass(frozen=True)
class ReviewSummary:
    """검토 요약: one row of the review list."""

    id: int
    created_at: dt.datetime
    file_name: str
    sha256: str | None
    format: str | None
    project_name: str | None
    agency: str | None
    as_of: dt.date | None
    stated_budget: int | None
    guide_price: int | None
    fp_total: Decimal | None
    function_count: int
    verdict: str | None
    verdict_ko: str | None
    gap_percent: float | None
    errors: int
    warnings: int
    infos: int
    parent_id: int | None = None
    """수정 원본: the review this one re-priced with a person's corrected function list (None: a review of the RFP)."""
    created_by: str | None = None
    """올린 사람: the user who uploaded or corrected it (None without user accounts)."""


@dataclass(frozen=True)
class Failure:
    """검토 실패: a file that could not be reviewed, with the message a person acts on."""

    id: int
    created_at: dt.datetime
    file_name: str
    sha256: str | None
    message: str
    where: str | None
    fix: str | None


class Store:
    """The saved reviews in one database (저장소)."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        self.shown_url = _shown(self.url)
        """The URL without its password, for messages."""
        self.engine = _engine(self.url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._prepare()

    # reviews

    def save_review(
        self,
        review: dict[str, Any],
        *,
        parent_id: int | None = None,
        function_list: list[dict[str, Any]] | None = None,
        document: bytes | None = None,
        created_by: str | None = None,
    ) -> int:
        """Save a review (``pipeline.review_dict``); returns its id.

        ``parent_id``: the review whose functions a person corrected to make this one (수정 원본).
        ``function_list``: that person's list in full, one dict per function (the columns of
        ``balju.functions.listfile``), handed back by ``get_function_list``.
        ``document``: the reviewed file's bytes, kept in the same transaction (``save_document``);
        they must be the file the review names (its ``source.sha256``).
        ``created_by``: the user who uploaded or corrected it (``Store.accounts``).
        """
        if not isinstance(review, dict) or not isinstance(review.get("source"), dict):
            raise InputError(
                "검토 결과가 아닙니다 (not a review): 'source'가 있는 검토 결과(dict)를 저장해야 합니다.",
                fix="balju.pipeline.review_dict(review(...))의 결과를 넘기세요.",
            )
        columns = _columns(review)
        if document is not None and _sha256(document) != columns["sha256"]:
            raise DocumentMismatch(
                "보관할 파일이 검토한 파일과 다릅니다 (the document is not the reviewed file: SHA-256 differs).",
                file=columns["file_name"],
                fix="검토한 바로 그 파일의 내용을 넘기세요.",
            )
        row = ReviewRow(**columns, review=review, parent_id=parent_id, function_list=function_list,
                        created_by=created_by)
        with self._write() as session:
            if document is not None:
                _keep_document(session, columns["file_name"], document, columns["sha256"])
            session.add(row)
            session.flush()
            return row.id

    def get_review(self, review_id: int) -> dict[str, Any] | None:
        with self._read() as session:
            row = session.get(ReviewRow, review_id)
            return row.review if row else None

    def get_summary(self, review_id: int) -> ReviewSummary | None:
        """The list row of one review."""
        with self._read() as session:
            row = session.scalars(_summary_rows().where(ReviewRow.id == review_id)).first()
            return _summary(row) if row else None

    def get_summaries(self, review_ids: Iterable[int]) -> dict[int, ReviewSummary]:
        """``{id: row}`` of the reviews asked for that exist."""
        wanted = sorted(set(review_ids))
        found: dict[int, ReviewSummary] = {}
        with self._read() as session:
            for start in range(0, len(wanted), 500):  # bounded IN lists
                rows = session.scalars(_summary_rows().where(ReviewRow.id.in_(wanted[start : start + 500])))
                found.update({r.id: _summary(r) for r in rows})
        return found

    def find_by_sha256(self, sha256: str) -> int | None:
        """The newest review of a file with this content (SHA-256 of its bytes)."""
        with self._read() as session:
            return session.scalar(
                select(ReviewRow.id).where(ReviewRow.sha256 == sha256).order_by(ReviewRow.id.desc()).limit(1)
            )

    def list_reviews(self, *, limit: int = 50, offset: int = 0, search: str | None = None,
                     created_by: str | None = None) -> list[ReviewSummary]:
        """Newest first; ``search`` matches 사업명, 발주기관 or 파일명 (case-insensitive, as typed);
        ``created_by``: only the reviews that user uploaded or corrected."""
        query = _by(_searched(_summary_rows(), search), created_by).order_by(ReviewRow.id.desc())
        with self._read() as session:
            rows = session.scalars(query.limit(max(0, limit)).offset(max(0, offset))).all()
            return [_summary(r) for r in rows]

    def iter_reviews(
        self, *, search: str | None = None, year: int | None = None, latest_per_file: bool = False, page: int = 200
    ) -> Iterator[tuple[ReviewSummary, dict[str, Any]]]:
        """Every matching review with its whole dict, oldest first, read ``page`` rows at a time.

        ``year``: only reviews whose 기준일 falls in that year. ``latest_per_file``: of several
        reviews of the same file content (SHA-256), only the newest (a year counted once per RFP).
        """
        query = _in_year(_searched(select(ReviewRow), search), year)
        if latest_per_file:
            newest = select(func.max(ReviewRow.id)).group_by(func.coalesce(ReviewRow.sha256, func.cast(ReviewRow.id, String)))
            query = query.where(ReviewRow.id.in_(newest))
        last = 0
        while True:
            with self._read() as session:
                rows = session.scalars(query.where(ReviewRow.id > last).order_by(ReviewRow.id).limit(page)).all()
                batch = [(_summary(r), r.review) for r in rows]
            if not batch:
                return
            yield from batch
            last = batch[-1][0].id

    def correction_pairs(
        self, *, search: str | None = None, year: int | None = None
    ) -> list[tuple[ReviewSummary, ReviewSummary]]:
        """(원본, 고친 검토): each review re-priced from a corrected function list, with the review it
        came from when that one is still stored; ``search`` and ``year`` (기준일) apply to the corrected one."""
        query = _in_year(_searched(_summary_rows(), search), year).where(ReviewRow.parent_id.is_not(None))
        with self._read() as session:
            children = [_summary(r) for r in session.scalars(query.order_by(ReviewRow.id))]
        parents = self.get_summaries(c.parent_id for c in children)
        return [(parents[c.parent_id], c) for c in children if c.parent_id in parents]

    def list_corrected(self) -> list[ReviewSummary]:
        """Every review re-priced from a person's corrected list (whether its original is still stored), oldest first."""
        with self._read() as session:
            rows = session.scalars(_summary_rows().where(ReviewRow.parent_id.is_not(None)).order_by(ReviewRow.id))
            return [_summary(r) for r in rows]

    def count_reviews(self, search: str | None = None, created_by: str | None = None) -> int:
        with self._read() as session:
            return session.scalar(_by(_searched(select(func.count(ReviewRow.id)), search), created_by)) or 0

    def corrections_of(self, review_id: int) -> list[int]:
        """The reviews re-priced from this one with a corrected function list (parent_id), newest first."""
        with self._read() as session:
            return list(session.scalars(
                select(ReviewRow.id).where(ReviewRow.parent_id == review_id).order_by(ReviewRow.id.desc())
            ))

    def get_function_list(self, review_id: int) -> list[dict[str, Any]] | None:
        """고친 기능 목록: the list a person gave for this review, as saved; None for a proposal."""
        with self._read() as session:
            return session.scalar(select(ReviewRow.function_list).where(ReviewRow.id == review_id))

    def get_functions(self, review_id: int) -> tuple[list[dict[str, Any]] | None, list[dict[str, Any]]]:
        """(the person's list or None, the review dict's ``functions``) without reading the rest of
        the review's JSON (a JSON path in SQL: SQLite's json_extract, PostgreSQL's ->)."""
        query = select(ReviewRow.function_list, ReviewRow.review["functions"]).where(ReviewRow.id == review_id)
        with self._read() as session:
            row = session.execute(query).first()
        if row is None:
            return None, []
        return row[0], list(row[1] or [])

    def delete_review(self, review_id: int) -> bool:
        """Delete a review; its RFP file goes with it when no other review uses it."""
        with self._write() as session:
            sha256 = session.scalar(select(ReviewRow.sha256).where(ReviewRow.id == review_id))
            if session.execute(delete(ReviewRow).where(ReviewRow.id == review_id)).rowcount == 0:
                return False
            still_used = session.scalar(select(ReviewRow.id).where(ReviewRow.sha256 == sha256).limit(1))
            if sha256 and still_used is None:
                session.execute(delete(DocumentRow).where(DocumentRow.sha256 == sha256))
            return True

    # documents

    def save_document(self, file_name: str, data: bytes) -> str:
        """Keep an RFP file (보관); returns its SHA-256. The same content twice is kept once, under
        the first name."""
        with self._write() as session:
            return _keep_document(session, file_name, data)

    def get_document(self, sha256: str) -> tuple[str, bytes] | None:
        """(file name, bytes) of a kept RFP file."""
        with self._read() as session:
            row = session.get(DocumentRow, sha256)
            return (row.file_name, bytes(row.data)) if row else None

    def has_document(self, sha256: str | None) -> bool:
        """Whether the RFP file with this SHA-256 is kept (without reading its bytes)."""
        if not sha256:
            return False
        with self._read() as session:
            return session.scalar(select(DocumentRow.sha256).where(DocumentRow.sha256 == sha256)) is not None

    # failures

    def record_failure(
        self, file_name: str, sha256: str | None, message: str, where: str | None = None, fix: str | None = None
    ) -> int:
        row = FailureRow(file_name=file_name, sha256=sha256, message=message, where=where, fix=fix)
        with self._write() as session:
            session.add(row)
            session.flush()
            return row.id

    def find_failure_by_sha256(self, sha256: str) -> Failure | None:
        """The newest failure recorded for a file with this content."""
        with self._read() as session:
            row = session.scalars(
                select(FailureRow).where(FailureRow.sha256 == sha256).order_by(FailureRow.id.desc()).limit(1)
            ).first()
            return _copied(row, Failure) if row else None

    def list_failures(self, limit: int = 100) -> list[Failure]:
        with self._read() as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.id.desc()).limit(max(0, limit))).all()
            return [_copied(r, Failure) for r in rows]

    @property
    def accounts(self) -> "Accounts":
        """The team's users and the audit log (``balju.store.accounts``)."""
        from balju.store.accounts import Accounts

        return Accounts(self)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # plumbing

    def _prepare(self) -> None:
        """Create the tables if missing, upgrade an older schema in place, refuse a newer one."""
        try:
            with self.engine.begin() as conn:
                upgrade.prepare(conn, self.shown_url)
        except SQLAlchemyError as exc:
            raise _connection_error(self.url, exc) from None

    def _read(self) -> "_Guarded":
        return _Guarded(self._session(), self.url, commit=False)

    def _write(self) -> "_Guarded":
        return _Guarded(self._session(), self.url, commit=True)


class _Guarded:
    """A session that commits (or rolls back) and turns database errors into a Korean message."""

    def __init__(self, session: Session, url: str, commit: bool) -> None:
        self.session, self.url, self.commit = session, url, commit

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, kind, exc, _tb) -> bool:
        try:
            if exc is None and self.commit:
                self.session.commit()
            elif exc is not None:
                self.session.rollback()
        except SQLAlchemyError as error:
            self.session.rollback()
            raise _connection_error(self.url, error) from None
        finally:
            self.session.close()
        if isinstance(exc, SQLAlchemyError):
            raise _connection_error(self.url, exc) from None
        return False


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise InputError(
            f"데이터베이스 주소를 읽을 수 없습니다 (bad database URL): {url}",
            fix="sqlite:///파일경로.db, 파일 경로, 또는 postgresql+psycopg://사용자@호스트:5432/DB 형식으로 주세요.",
        ) from None
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database != ":memory:" and database and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError, ArgumentError) as exc:
        raise InputError(
            f"이 데이터베이스 종류는 쓸 수 없습니다 (unsupported database): {_shown(url)} — {exc}",
            fix="SQLite(sqlite:///…) 또는 PostgreSQL(postgresql+psycopg://…)을 쓰세요.",
        ) from None


def _connection_error(url: str, exc: Exception) -> InputError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
    return InputError(
        f"데이터베이스를 쓰지 못했습니다 (database error): {reason}",
        file=_shown(url),
        fix="주소(--db 또는 BALJU_DB), 서버가 켜져 있는지, 권한과 디스크 공간을 확인하세요. 저장된 검토는 그대로 있습니다.",
    )


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url


def _summary_rows():
    """Review rows without their JSON: a list of 50 need not read 50 whole reviews."""
    return select(ReviewRow).options(defer(ReviewRow.review), defer(ReviewRow.function_list))


def _in_year(query, year: int | None):
    """Only the reviews whose 기준일 falls in ``year`` (all when None)."""
    if year is None:
        return query
    return query.where(ReviewRow.as_of >= dt.date(year, 1, 1), ReviewRow.as_of < dt.date(year + 1, 1, 1))


def _by(query, created_by: str | None):
    return query if created_by is None else query.where(ReviewRow.created_by == created_by)


def _searched(query, search: str | None):
    text = (search or "").strip()
    if not text:
        return query
    return query.where(
        or_(
            ReviewRow.project_name.icontains(text, autoescape=True),
            ReviewRow.agency.icontains(text, autoescape=True),
            ReviewRow.file_name.icontains(text, autoescape=True),
        )
    )


def _fact(review: dict, key: str) -> Any:
    fact = (review.get("facts") or {}).get(key)
    return fact.get("value") if isinstance(fact, dict) else fact


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _columns(review: dict) -> dict[str, Any]:
    """The headline figures copied out of a review dict (missing parts stay empty)."""
    source = review.get("source") or {}
    budget = review.get("budget") or {}
    estimate = review.get("estimate") or {}
    findings = [f for f in review.get("findings") or [] if isinstance(f, dict)]
    fp_total = estimate.get("fp_total", budget.get("fp_total"))
    as_of = review.get("as_of")
    project = _fact(review, "project_name")
    agency = _fact(review, "agency")
    return {
        "file_name": str(source.get("file") or "(이름 없음)"),
        "sha256": source.get("sha256"),
        "format": source.get("format"),
        "project_name": str(project) if project else None,
        "agency": str(agency) if agency else None,
        "as_of": dt.date.fromisoformat(as_of) if isinstance(as_of, str) and as_of else None,
        "stated_budget": _int(budget.get("stated_budget")),
        "guide_price": _int(budget.get("guide_price")),
        "fp_total": Decimal(str(fp_total)) if fp_total is not None else None,
        "function_count": len(review.get("functions") or []),
        "verdict": budget.get("verdict"),
        "verdict_ko": budget.get("verdict_ko"),
        "gap_percent": float(budget["gap_percent"]) if budget.get("gap_percent") is not None else None,
        **{f"{s}s": sum(1 for f in findings if f.get("severity") == s) for s in SEVERITIES},
        "balju_version": review.get("balju_version"),
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _keep_document(session: Session, file_name: str, data: bytes, sha256: str | None = None) -> str:
    """Add the file unless the same content is already kept; its SHA-256 (``sha256``: already
    checked against ``data`` by the caller, so a large file is hashed once)."""
    sha256 = sha256 or _sha256(data)
    # asked by key first, so a kept file's bytes are neither read nor sent again
    if session.scalar(select(DocumentRow.sha256).where(DocumentRow.sha256 == sha256)) is not None:
        return sha256
    values = {"sha256": sha256, "file_name": file_name, "size": len(data), "data": data, "created_at": utc_now()}
    # two uploads of the same file may arrive together: the second one's insert does nothing
    dialect = session.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(DocumentRow).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))
    else:
        session.add(DocumentRow(**values))
        session.flush()
    return sha256


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were written in UTC
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _copied(row: object, kind: type):
    """The dataclass ``kind`` filled from the row's columns of the same names."""
    values = {f.name: getattr(row, f.name) for f in fields(kind)}
    values["created_at"] = _utc(values["created_at"])
    return kind(**values)


def _summary(row: ReviewRow) -> ReviewSummary:
    summary = _copied(row, ReviewSummary)
    if summary.fp_total is None:
        return summary
    return replace(summary, fp_total=Decimal(summary.fp_total).normalize())  # 337.800 → 337.8
