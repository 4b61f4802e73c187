"""Functions (기능 식별): the ILF/EIF/EI/EO/EQ of a system, and the editable function list."""

from balju.functions.model import DATA_FUNCTION_TYPES, FUNCTION_TYPES, Function, Proposal
from balju.functions.identify import identify, propose  # noqa: E402  (the function shadows its module name)

__all__ = ["DATA_FUNCTION_TYPES", "FUNCTION_TYPES", "Function", "Proposal", "identify", "propose"]
