"""Function-point counting (기능점수 산정): 간이법 and 정통법 over a function list."""

from balju.fp.count import METHODS, CountedFunction, FPCount, count, parse_method

__all__ = ["METHODS", "CountedFunction", "FPCount", "count", "parse_method"]
