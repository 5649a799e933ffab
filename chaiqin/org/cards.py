"""Card numbers (卡號): what the agency's card readers write for a person's access card.

Pure checks shared by the one-person services (the console, 出勤設定 › 卡號) and the staff import:
a number is at most `CARD_NO_MAX` printable characters, and one card is one person within an
agency (the database holds that too: `card_no_unique_in_agency`).
"""

from __future__ import annotations

CARD_NO_MAX = 32


def card_no_refusal(card_no: str) -> str:
    """Why `card_no` (trimmed) cannot be a card number, or "" when it can."""
    if len(card_no) > CARD_NO_MAX or (card_no and not card_no.isprintable()):
        return f"卡號最多 {CARD_NO_MAX} 個字元，且不可含控制字元"
    return ""


def card_taken_text(card_no: str, holder_name: str, holder_no: str) -> str:
    """The refusal of a card already recorded for someone else of the agency."""
    return f"卡號「{card_no}」已登錄給本機關的{holder_name}（員工編號 {holder_no}），同一張卡不可對應兩人"
