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
    # used: we do not correct typos, and requirement text is analysed morpheme by morpheme. The
    # default dictionary (proper nouns such as '개인정보', '국립종자원' as one NNP) halves what is
    # left (≈1.5 s → ≈0.9 s to the first analysis); without it 271 of 15,552 requirement lines of
    # the real RFPs split such a name into its nouns, and the proposals of the 22 hand-counted RFPs
    # move on one RFP only (농산물 +39.9% → +36.3%) — function objects are noun runs either way.
    return Kiwi(load_typo_dict=False, load_multi_dict=False, load_default_dict=False)
