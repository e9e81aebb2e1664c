""".env.example documents every SADARI_* variable the code reads."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_variable_read():
    documented = set(re.findall(r"^(SADARI_[A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    used = set()
    for path in [
        *ROOT.glob("sadari/**/*.py"),
        *ROOT.glob("scripts/*.sh"),
        *ROOT.glob("tests/**/*.py"),
    ]:
        used |= set(re.findall(r"\b(SADARI_[A-Z_]+)\b", path.read_text(encoding="utf-8")))

    assert used - documented == set()
