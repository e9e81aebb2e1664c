"""Korean identifiers: 사업자등록번호 (business registration number) checksum and formatting."""

import re

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


class InvalidBusinessNumberError(ValueError):
    """The text is not a valid 사업자등록번호."""


def brn_digits(text: str) -> str:
    """The ten digits of a business registration number written with or without hyphens."""
    return re.sub(r"[\s\-–.]", "", text or "")


def brn_checksum_digit(first_nine: str) -> int:
    """The check digit for the first nine digits (National Tax Service algorithm)."""
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True))
    total += (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def is_valid_brn(text: str) -> bool:
    """True when ``text`` is a 사업자등록번호 with a correct check digit.

    ``is_valid_brn("220-81-62517")`` → True; ``is_valid_brn("220-81-62518")`` → False.
    """
    digits = brn_digits(text)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    return brn_checksum_digit(digits[:9]) == int(digits[9])


def normalize_brn(text: str) -> str:
    """The canonical ``123-45-67890`` form, or InvalidBusinessNumberError."""
    digits = brn_digits(text)
    if not is_valid_brn(digits):
        raise InvalidBusinessNumberError(text)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def make_brn(first_nine: str) -> str:
    """A valid number from nine digits (used by the demo generator and tests)."""
    if not re.fullmatch(r"\d{9}", first_nine):
        raise ValueError(first_nine)
    return normalize_brn(first_nine + str(brn_checksum_digit(first_nine)))
