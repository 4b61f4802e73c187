"""Korean morphology (형태소 분석): one shared Kiwi analyser for the whole process.

Loading Kiwi's model takes about a second; requirement review and function identification share
this one instance instead of loading their own.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi

    # The typo and multi-word dictionaries triple the start-up (≈5 s → ≈1.6 s here) and are not
    # used: we do not correct typos, and requirement text is analysed morpheme by morpheme.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)
