"""Budget adequacy (예산 적정성): the RFP's stated budget, its development part, and the gap to
the KOSA guide price of the proposed (or person-corrected) function points."""

from balju.budget.amounts import Amount, find_amounts, vat_flag
from balju.budget.assess import VERDICTS, BudgetAssessment, PricePoint, assess
from balju.budget.document import assess_document, stated_budget_from_facts
from balju.budget.split import CATEGORY_KO, BudgetItem, BudgetSplit, classify, split_budget

__all__ = [
    "CATEGORY_KO",
    "VERDICTS",
    "Amount",
    "BudgetAssessment",
    "BudgetItem",
    "BudgetSplit",
    "PricePoint",
    "assess",
    "assess_document",
    "classify",
    "find_amounts",
    "split_budget",
    "stated_budget_from_facts",
    "vat_flag",
]
