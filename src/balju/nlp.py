"""Korean morphology (형태소 분석): one shared Kiwi analyser for the whole process.

Loading Kiwi's model takes about a second; requirement review and function identification share
this one instance instead of loading their own.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()
