"""Which leave pools have a yearly balance that a person and the personnel office see.

Source: the quota articles of each regime (公務人員請假規則第3條、第7條; 教師請假規則第3條、第8條;
勞工請假規則第4條、第7條; 勞動基準法第38條; 性別平等工作法第20條), encoded in
`rules/data/leave_balances.toml`: 休假/特別休假, 事假, 家庭照顧假 and 病假 are granted by the
leave year and drawn at will, so each has a balance; leave granted by an event has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ._tables import load_table, rows_in_force

__all__ = ["BalanceAccounts", "balance_accounts", "lapsing_accounts"]


@dataclass(frozen=True)
class BalanceAccounts:
    """The leave codes with a yearly balance, in the order pages show them, and the citation."""

    accounts: tuple[str, ...]
    citation: str


def balance_accounts(on: date) -> BalanceAccounts:
    """The accounts shown as balances on `on` (for every regime; a regime shows those it has)."""
    row = rows_in_force(load_table("leave_balances")["balance"], on, what="假別餘額")[-1]
    return BalanceAccounts(tuple(row["accounts"]), row["citation"])


def lapsing_accounts(on: date) -> BalanceAccounts:
    """The accounts whose unused time lapses at the end of their period on `on` (休假, 補休), so the
    personnel office is warned before then (the `lapsing` rows of leave_balances.toml)."""
    row = rows_in_force(load_table("leave_balances")["lapsing"], on, what="期滿失效之假別")[-1]
    return BalanceAccounts(tuple(row["accounts"]), row["citation"])
