"""Pricing (대가산정): development by function points, and the other price types."""

from balju.cost.development import (
    CostLine,
    DevelopmentEstimate,
    DevelopmentOptions,
    estimate_development,
    size_factor,
)

__all__ = ["CostLine", "DevelopmentEstimate", "DevelopmentOptions", "estimate_development", "size_factor"]
