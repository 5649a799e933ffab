"""The gender minimum of the 考績委員會 and the 甄審委員會 (seed 004, survey items 6 and 7).

Sources (quoted in seed 004):
- 考績委員會組織規程第2條第3項 (performance committee, 考績委員會; staff = 受考人, the people
  assessed);
- 公務人員陞遷法施行細則第7條第1項 (promotion committee, 甄審委員會; staff = 本機關人員,
  the agency's people; 5 to 23 members).

Both say: each gender at least one third of the members. But when a gender is under one
third of the staff, that gender's minimum is members × its share of the staff, rounded up
(進整), and at least 2 when that gender has 20 or more staff.

Reading, stated so it can be challenged: the proportional minimum replaces the one-third
rule only for the gender that is under one third of the staff; the other gender keeps
one third of the members, rounded up ("委員任一性別比例不得低於三分之一" has no exception for
it). A share of exactly one third is not "未達三分之一". Shares are exact fractions, so
10 of 30 is 1/3, not 0.333…. The law knows two genders; any keys are accepted and each is
treated the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .errors import RuleInputError

__all__ = [
    "PERFORMANCE_COMMITTEE",
    "PROMOTION_COMMITTEE",
    "GenderMinimum",
    "CommitteeMinimum",
    "CommitteeSizeCheck",
    "CommitteeCheck",
    "committee_minimum",
    "committee_minimum_detail",
    "promotion_committee_size_check",
    "committee_check",
]

PERFORMANCE_COMMITTEE = "performance"  # 考績委員會 (survey item 6)
PROMOTION_COMMITTEE = "promotion"  # 甄審委員會 (survey item 7)

_COMMITTEES = {
    PERFORMANCE_COMMITTEE: ("考績委員會", "考績委員會組織規程第2條第3項"),
    PROMOTION_COMMITTEE: ("甄審委員會", "公務人員陞遷法施行細則第7條第1項"),
}

_ONE_THIRD = Fraction(1, 3)
_FLOOR_STAFF = 20  # 該性別人數在二十人以上者，至少二人
_FLOOR_MEMBERS = 2
_PROMOTION_SIZE = (5, 23)  # 陞遷法施行細則第7條第1項: 應置委員五人至二十三人


@dataclass(frozen=True)
class GenderMinimum:
    """One gender's minimum and how it was reached (`basis`, in Chinese)."""

    gender: str
    staff: int
    share: Fraction
    minimum: int
    basis: str


@dataclass(frozen=True)
class CommitteeMinimum:
    """The minimum members of every gender for a committee of `members`."""

    committee: str
    members: int
    minimums: dict[str, int]
    details: dict[str, GenderMinimum]
    citation: str


@dataclass(frozen=True)
class CommitteeSizeCheck:
    """Whether a 甄審委員會 has 5 to 23 members."""

    ok: bool
    members: int
    detail: str
    citation: str


@dataclass(frozen=True)
class CommitteeCheck:
    """An actual committee checked against its gender minimum (and size, for 甄審委員會).

    `ok` is the answer to survey item 6 or 7 (是 when True). `shortfalls` maps each gender
    under its minimum to the number of members missing; `problems` says everything wrong
    in Chinese.
    """

    ok: bool
    committee: str
    members: int
    actual: dict[str, int]
    minimums: dict[str, int]
    shortfalls: dict[str, int]
    problems: list[str]
    citation: str


def _committee(kind: str) -> tuple[str, str]:
    if kind not in _COMMITTEES:
        known = "、".join(f"{code}（{name}）" for code, (name, _) in _COMMITTEES.items())
        raise RuleInputError(f"未知的委員會類別「{kind}」：只接受 {known}。")
    return _COMMITTEES[kind]


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleInputError(f"{what}必須是整數，收到 {value!r}。")
    if value < 0:
        raise RuleInputError(f"{what}不得為負數，收到 {value}。")
    return value


def _staff(staff_by_gender: Mapping[str, int]) -> dict[str, int]:
    if not isinstance(staff_by_gender, Mapping) or not staff_by_gender:
        raise RuleInputError("各性別人數不得為空，至少須有一個性別的人數。")
    staff = {g: _count(n, f"性別「{g}」人數") for g, n in staff_by_gender.items()}
    if sum(staff.values()) == 0:
        raise RuleInputError("各性別人數合計為 0，無法計算性別比例。")
    return staff


def committee_minimum_detail(
    members: int, staff_by_gender: Mapping[str, int], *, committee: str = PERFORMANCE_COMMITTEE
) -> CommitteeMinimum:
    """Each gender's minimum number of members, with the share and rule behind it.

    考績委員會組織規程第2條第3項 / 公務人員陞遷法施行細則第7條第1項 (seed 004 items 6, 7):
    one third of `members` rounded up; for a gender under one third of the staff,
    `members` × its share rounded up, at least 2 if it has 20 or more staff. A gender with
    no staff has minimum 0. `committee` only changes the citation ("performance" for the
    考績委員會, "promotion" for the 甄審委員會). RuleInputError if `members` < 1, a count is
    negative or not an integer, or `staff_by_gender` is empty or all zero. The minimums may
    add up to more than `members` for a tiny committee; `committee_check` reports that.
    """
    _, citation = _committee(committee)
    members = _count(members, "委員人數")
    if members < 1:
        raise RuleInputError(f"委員人數至少 1 人，收到 {members}。")
    staff = _staff(staff_by_gender)
    total = sum(staff.values())
    one_third = math.ceil(Fraction(members, 3))

    details: dict[str, GenderMinimum] = {}
    for gender, count in staff.items():
        share = Fraction(count, total)
        if share >= _ONE_THIRD:
            minimum, basis = one_third, f"委員任一性別不得低於三分之一：{members}÷3 進整為 {one_third} 人"
        else:
            minimum = math.ceil(members * share)
            basis = f"該性別人員比例 {count}/{total} 未達三分之一：{members}×{count}/{total} 進整為 {minimum} 人"
            if count >= _FLOOR_STAFF and minimum < _FLOOR_MEMBERS:
                minimum = _FLOOR_MEMBERS
                basis += f"；該性別人數 {count} 人達二十人以上，至少 {_FLOOR_MEMBERS} 人"
        details[gender] = GenderMinimum(gender=gender, staff=count, share=share,
                                        minimum=minimum, basis=basis)
    return CommitteeMinimum(
        committee=committee, members=members,
        minimums={g: d.minimum for g, d in details.items()}, details=details, citation=citation,
    )


def committee_minimum(members: int, staff_by_gender: dict[str, int]) -> dict[str, int]:
    """Gender -> minimum number of members, for every gender in `staff_by_gender`.

    考績委員會組織規程第2條第3項; 公務人員陞遷法施行細則第7條第1項 (the same rule). See
    `committee_minimum_detail` for the rule, the reasons and the edge cases.
    """
    return committee_minimum_detail(members, staff_by_gender).minimums


def promotion_committee_size_check(members: int) -> CommitteeSizeCheck:
    """Whether a 甄審委員會 of `members` has the 5 to 23 members the law requires.

    公務人員陞遷法施行細則第7條第1項: 應置委員五人至二十三人. RuleInputError if `members` is
    not a non-negative integer.
    """
    members = _count(members, "委員人數")
    low, high = _PROMOTION_SIZE
    ok = low <= members <= high
    detail = (f"甄審委員會委員 {members} 人，符合 {low} 人至 {high} 人之規定" if ok
              else f"甄審委員會應置委員 {low} 人至 {high} 人，現為 {members} 人")
    return CommitteeSizeCheck(ok=ok, members=members, detail=detail,
                              citation=_COMMITTEES[PROMOTION_COMMITTEE][1])


def committee_check(
    members_by_gender: Mapping[str, int],
    staff_by_gender: Mapping[str, int],
    *,
    committee: str,
) -> CommitteeCheck:
    """Check an actual committee (gender -> members) against the law, for survey items 6 and 7.

    考績委員會組織規程第2條第3項 (`committee="performance"`, staff = 受考人) or 公務人員陞遷法
    施行細則第7條第1項 (`committee="promotion"`, staff = 本機關人員, also 5 to 23 members).
    A gender in the staff but absent from the committee has 0 members. RuleInputError on a
    committee with no members or on bad counts.
    """
    name, citation = _committee(committee)
    if not isinstance(members_by_gender, Mapping):
        raise RuleInputError("委員會組成須為「性別→人數」。")
    actual = {g: _count(n, f"委員會性別「{g}」人數") for g, n in members_by_gender.items()}
    members = sum(actual.values())
    if members < 1:
        raise RuleInputError(f"{name}委員人數至少 1 人。")
    rule = committee_minimum_detail(members, staff_by_gender, committee=committee)
    for gender in rule.minimums:
        actual.setdefault(gender, 0)

    problems: list[str] = []
    if committee == PROMOTION_COMMITTEE:
        size = promotion_committee_size_check(members)
        if not size.ok:
            problems.append(size.detail)
    if sum(rule.minimums.values()) > members:
        problems.append(f"{name}委員 {members} 人不足以同時符合各性別最低人數（合計 {sum(rule.minimums.values())} 人）")
    shortfalls = {g: m - actual[g] for g, m in rule.minimums.items() if actual[g] < m}
    for gender, missing in shortfalls.items():
        problems.append(
            f"{name}性別「{gender}」委員 {actual[gender]} 人，少於最低 {rule.minimums[gender]} 人"
            f"（{rule.details[gender].basis}）"
        )
    return CommitteeCheck(ok=not problems, committee=committee, members=members, actual=actual,
                          minimums=rule.minimums, shortfalls=shortfalls, problems=problems,
                          citation=citation)
