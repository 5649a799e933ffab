"""The three personnel regimes that share one agency (DESIGN.md, "Three personnel regimes")."""

from .errors import RuleInputError

CIVIL = "civil"
TEACHER = "teacher"
LABOR = "labor"

REGIMES = {
    CIVIL: "公務人員",
    TEACHER: "教師",
    LABOR: "勞基法適用人員",
}


def check_regime(regime: str) -> str:
    """Return `regime` unchanged if it is one of civil, teacher, labor; else raise RuleInputError."""
    if regime not in REGIMES:
        known = "、".join(f"{code}（{name}）" for code, name in REGIMES.items())
        raise RuleInputError(f"未知的人員類別「{regime}」：只接受 {known}。")
    return regime
