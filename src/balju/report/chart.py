"""Charts for the PDF and HTML reports (matplotlib, Agg, NanumGothic): PNG bytes.

- 유형별 기능점수 (bar): FP of ILF/EIF/EI/EO/EQ with the number of functions.
- 사업금액 구성 (waterfall-like bar): 보정전 → 보정 → 보정후 → 이윤 → 직접경비 → 부가세 → 사업금액,
  with the stated budget as a dashed line and the estimate range on the last bar.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from balju.report.view import FP_TYPE_KO, FP_TYPES, View, million, number

FONT_DIRS = (Path("/usr/share/fonts/truetype/nanum"), Path("/usr/share/fonts/nanum"))
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
DPI = 150
COLORS = {"bar": "#2f5d8a", "up": "#5b9bd5", "down": "#c0504d", "total": "#1f3b57", "budget": "#c0504d"}


@lru_cache(maxsize=1)
def _pyplot():
    """Import matplotlib once, on the Agg backend, with NanumGothic registered by file."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    family = None
    for folder in FONT_DIRS:
        for name in FONT_FILES:
            path = folder / name
            if path.is_file():
                font_manager.fontManager.addfont(str(path))
                family = "NanumGothic"
    if family:
        matplotlib.rcParams["font.family"] = family
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.hashsalt"] = "balju"
    return plt


def _png(fig) -> bytes:
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def fp_by_type_png(view: View) -> bytes | None:
    """Bar chart of FP per function type; ``None`` when there are no functions."""
    values = [view.fp_by_type.get(t, 0.0) for t in FP_TYPES]
    if not any(values):
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.8, 2.3))
    labels = [f"{FP_TYPE_KO[t]}\n({t})" for t in FP_TYPES]
    bars = ax.bar(labels, values, color=COLORS["bar"], width=0.6)
    top = max(values)
    for bar, t, v in zip(bars, FP_TYPES, values):
        count = view.count_by_type.get(t)
        text = f"{number(v)} FP" + (f"\n({count}개)" if count is not None else "")
        ax.text(bar.get_x() + bar.get_width() / 2, v + top * 0.03, text, ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, top * 1.45)
    ax.set_title(f"유형별 기능점수 (합계 {number(view.fp_total)} FP, 기능 {len(view.functions)}개)", fontsize=9.5)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def cost_steps(view: View) -> list[tuple[str, float, float, str]]:
    """(label, bottom, height, kind) of each bar of the build-up; kind: total | up | down."""
    if not view.has_estimate or view.cost_before is None or view.cost_after is None:
        return []
    steps: list[tuple[str, float, float, str]] = []
    before, after = view.cost_before, view.cost_after
    profit = view.profit or 0
    direct = view.direct_expenses or 0
    vat = view.vat or 0
    steps.append(("보정전\n개발원가", 0, before, "total"))
    delta = after - before
    steps.append(("보정\n(계수 곱)", min(before, after), abs(delta), "up" if delta >= 0 else "down"))
    steps.append(("보정후\n개발원가", 0, after, "total"))
    steps.append(("이윤", after, profit, "up"))
    steps.append(("직접경비", after + profit, direct, "up"))
    development = view.development_cost if view.development_cost is not None else after + profit + direct
    steps.append(("부가세", development, vat, "up"))
    steps.append(("사업금액", 0, view.total if view.total is not None else development + vat, "total"))
    return steps


def cost_buildup_png(view: View) -> bytes | None:
    """Waterfall-like bar from 보정전 to 사업금액; ``None`` without an estimate."""
    steps = cost_steps(view)
    if not steps:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.8, 2.5))
    xs = list(range(len(steps)))
    last = xs[-1]
    colors = [COLORS[kind] for _, _, _, kind in steps]
    ax.bar(xs, [h for _, _, h, _ in steps], bottom=[b for _, b, _, _ in steps], color=colors, width=0.6)
    highest = max(b + h for _, b, h, _ in steps)
    if view.budget_amount:
        highest = max(highest, view.budget_amount)
    if view.range_high:
        highest = max(highest, view.range_high)
    highest = highest or 1  # nothing to price (0 FP, no budget): an empty but valid chart
    pad = highest * 0.02
    for x, (_, bottom, height, kind) in zip(xs, steps):
        sign = "-" if kind == "down" else ("+" if kind == "up" else "")
        top = bottom + height
        if x == last and view.range_high:
            top = max(top, view.range_high)
        ax.text(x, top + pad, sign + million(height), ha="center", va="bottom", fontsize=7)
    if view.range_low is not None and view.range_high is not None:
        total = steps[-1][2]
        ax.errorbar(
            [last], [total], yerr=[[max(total - view.range_low, 0)], [max(view.range_high - total, 0)]],
            fmt="none", ecolor="#333333", capsize=4, linewidth=1,
        )
    if view.budget_amount:
        ax.axhline(view.budget_amount, color=COLORS["budget"], linestyle="--", linewidth=1)
        ax.text(last + 0.45, view.budget_amount + pad, f"사업예산 {million(view.budget_amount)}",
                color=COLORS["budget"], fontsize=7, ha="right", va="bottom")
    ax.set_xticks(xs, [label for label, _, _, _ in steps], fontsize=7.5)
    ax.set_xlim(-0.6, last + 0.6)
    ax.set_ylim(0, highest * 1.2)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v / 1e6:,.0f}")
    ax.tick_params(axis="y", labelsize=7)
    title = "사업금액 구성 (단위: 백만원"
    if view.range_low is not None and view.range_high is not None:
        title += ", 사업금액의 막대는 산정 범위"
    ax.set_title(title + ")", fontsize=9.5)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def data_uri(png: bytes | None) -> str | None:
    return None if png is None else "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def charts(view: View) -> dict[str, str | None]:
    """The two charts as ``data:`` URIs (for the HTML/PDF template)."""
    return {"fp_by_type": data_uri(fp_by_type_png(view)), "cost_buildup": data_uri(cost_buildup_png(view))}
