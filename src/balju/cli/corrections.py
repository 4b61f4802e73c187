"""``balju corrections``: how far balju's proposal was from the lists people corrected (고친 기능 목록).

Reads the stored reviews re-priced from a corrected function list (the web app's 수정 #N), runs
today's identifier on each kept RFP, scores it against the person's list, and with ``-o DIR``
writes each as a labelled file for ``python -m balju.functions.evaluate DIR``.

The lists whose RFP the identifier was not developed on, saved after it was frozen, are its first
measurements (``balju.functions.development_set``); they are summed apart, against the target.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from balju.cli.output import console, print_json


def register(app: typer.Typer) -> None:
    @app.command("corrections")
    def corrections_command(
        db: Optional[str] = typer.Option(None, "--db", help="저장소 주소 (기본: $BALJU_DB, 없으면 sqlite:///balju.db)"),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="표지 파일(YAML)을 쓸 폴더"),
        as_json: bool = typer.Option(False, "--json", help="JSON으로 출력"),
    ) -> None:
        """사람이 고친 기능 목록과 지금의 제안을 견줍니다; -o로 표지 세트(YAML)를 씁니다."""
        from balju import rules
        from balju.functions.corrections import scored, to_yaml, within
        from balju.functions.corrections import summary as summed
        from balju.functions.development_set import identifier, seen_of
        from balju.functions.stored import labelled_review
        from balju.store import Store

        ident = identifier(rules.at())
        rows: list[dict[str, Any]] = []
        skipped: list[str] = []
        scores, first = [], []
        with Store(db) as store:
            # only the corrected reviews are read, not every review of the store
            for summary in store.list_corrected():
                found = labelled_review(store, summary)
                if isinstance(found, str):
                    skipped.append(f"#{summary.id} {summary.file_name}: {found}")
                    continue
                item, proposed = found
                s = scored(item, proposed)
                seen = seen_of(ident, summary)
                scores.append(s)
                if seen is None:
                    first.append(s)
                rows.append({
                    "id": summary.id, "parent_id": summary.parent_id, "file": summary.file_name,
                    "corrected_by": summary.created_by,
                    "project": summary.project_name, "fp_proposed": float(s.fp_proposed),
                    "fp_corrected": float(s.fp_counted), "fp_error": round(s.fp_error, 4),
                    "precision": round(s.precision(), 3), "recall": round(s.recall(), 3),
                    "within_target": within(s, ident.target_error),
                    "first_measurement": seen is None, "seen": seen,
                })
                if output is not None:
                    output.mkdir(parents=True, exist_ok=True)
                    name = f"review-{summary.id}-{Path(summary.file_name).stem}.yaml"
                    (output / name).write_text(to_yaml(item, review_id=summary.id, agency=summary.agency,
                                                       corrected_by=summary.created_by, seen=seen,
                                                       identifier=ident.name), encoding="utf-8")
        overall = summed(scores, ident.target_error)
        firsts = {"identifier": ident.name, "frozen": ident.frozen.isoformat(), **summed(first, ident.target_error)}
        if as_json:
            print_json({"corrections": rows, "overall": overall, "first_measurements": firsts, "skipped": skipped})
            return
        _show(rows, overall, firsts, skipped, output)


def _show(rows: list[dict[str, Any]], overall: dict[str, Any], firsts: dict[str, Any], skipped: list[str],
          output: Path | None) -> None:
    from rich.table import Table

    out = console()
    if not rows:
        out.print("고친 기능 목록으로 다시 산정한 검토가 없습니다. 웹 화면의 '고친 기능 목록으로 다시 산정'으로 만들 수 있습니다.")
    else:
        table = Table(header_style="bold")
        for title in ("검토", "원본", "사업명", "제안 FP", "고친 FP", "차이", "정밀도", "재현율", "처음 잼"):
            table.add_column(title, justify="left" if title in ("사업명", "처음 잼") else "right")
        for r in rows:
            table.add_row(f"#{r['id']}", f"#{r['parent_id']}", r["project"] or r["file"], f"{r['fp_proposed']:g}",
                          f"{r['fp_corrected']:g}", f"{r['fp_error']:+.1%}", f"{r['precision']:.2f}", f"{r['recall']:.2f}",
                          "예" if r["first_measurement"] else f"아니오 ({r['seen']})")
        out.print(table)
        out.print(f"모두 {overall['reviews']}건: 제안 {overall['fp_proposed']:g} FP, 고친 목록 {overall['fp_corrected']:g} FP "
                  f"({overall['fp_error']:+.1%}), 정밀도 {overall['precision']:.2f}, 재현율 {overall['recall']:.2f} "
                  f"— 지금의 식별기({firsts['identifier']})로 다시 제안해 견줌")
        out.print(_firsts_line(firsts))
    for line in skipped:
        out.print(f"  건너뜀: {line}")
    if output is not None and rows:
        out.print(f"표지 파일: {output}/ (python -m balju.functions.evaluate {output})")


def _firsts_line(firsts: dict[str, Any]) -> str:
    """The first measurements against the target, or why there are none yet."""
    ident, target = firsts["identifier"], firsts["target"]
    if not firsts["reviews"]:
        return (f"식별기 {ident}을 처음 재는 목록은 아직 없습니다: 개발에 쓰지 않은 RFP를 동결 "
                f"({firsts['frozen'][:16].replace('T', ' ')} UTC) 뒤에 고친 목록만 셉니다 (목표 ±{target:.0%}).")
    median = firsts["median_abs_error"]
    return (f"식별기 {ident}을 처음 재는 목록 {firsts['reviews']}건: 제안 {firsts['fp_proposed']:g} FP, 고친 목록 "
            f"{firsts['fp_corrected']:g} FP ({firsts['fp_error']:+.1%}), 목록마다 오차 중앙값 "
            + (f"{median:.1%}" if median is not None else "없음")
            + f", ±{target:.0%} 안 {firsts['within_target']}건 (목표 ±{target:.0%})")
