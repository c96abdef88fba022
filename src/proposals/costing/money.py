"""Money and percentages as Decimal, read from text or TOML, with one stated rounding.

Figures are computed at full Decimal precision; each year's cost is rounded once, half up to the
cent, and a term's total is the sum of its rounded years (so it adds up to the cent). Percentages
are rounded half up to two places.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from proposals.errors import ProposalsError

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
ROUNDING = "each year's figure rounded half up to the cent; the total is the sum of the rounded years"


def parse_amount(value: object, what: str) -> Decimal:
    """A number from TOML or a cell: 3, 2.5, "250,000.00", "$1,500", "-1.5%". Floats go through
    their shortest repr, so 0.1 is 0.1, not its binary approximation."""
    if isinstance(value, bool):
        raise ProposalsError(f"{what}: {value!r} is not a number")
    if isinstance(value, int | float | Decimal):
        text = repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("$", "").removesuffix("%").strip()
    else:
        raise ProposalsError(f"{what}: {value!r} is not a number")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ProposalsError(f"{what}: {str(value)[:40]!r} is not a number") from None
    if not number.is_finite():
        raise ProposalsError(f"{what}: {text[:40]!r} is not a number")
    return number


def cents(amount: Decimal | int) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole``, two places; 0 when there is no whole."""
    if not whole:
        return ZERO.quantize(CENT)
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(amount: Decimal) -> str:
    """$1,234,567.89 / -$1,234.00 for people (JSON and CSV carry the plain decimal string)."""
    value = cents(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"
