"""balju (발주): review Korean public-software RFPs — read, extract requirements, propose function
points, price by the KOSA SW사업 대가산정 가이드, check the law, and report.

``balju.review(path)`` runs the whole pass; see ``balju.review_module.review``.
"""

from __future__ import annotations

__version__ = "0.1.0"


def review(*args, **kwargs):
    """Review one RFP: see :func:`balju.pipeline.review` (imported lazily: the CLI starts fast)."""
    from balju.pipeline import review as _review

    return _review(*args, **kwargs)
