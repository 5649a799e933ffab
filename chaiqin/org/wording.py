"""How an agency speaks of itself in texts: 本校 for a school, 本府 for a county or city government,
本所 for a township office (公所), 本機關 otherwise; and citations of the agency's own rules
written with that word, so that no school's or other city's scheme is cited elsewhere."""

from __future__ import annotations

OWN = "本機關"  # the placeholder the rules tables write for "this agency's own rule"


def self_name(agency) -> str:
    """本校, 本府, 本所 or 本機關, from the agency's kind (機關 or 學校) and its name."""
    if agency.kind == "school":
        return "本校"
    if agency.name.endswith("政府"):
        return "本府"
    if agency.name.endswith("公所"):
        return "本所"
    return OWN


def in_own_words(text: str, agency) -> str:
    """`text` with 「本機關」 (a rule the agency sets itself, e.g. its 加班管制要點) in the agency's word."""
    return text.replace(OWN, self_name(agency))
