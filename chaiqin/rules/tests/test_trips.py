"""rules.trips: what a trip kind may claim, the principal's notice, the mainland report."""

from datetime import date

import pytest

from chaiqin import rules

ON = date(2026, 12, 2)


def test_every_trip_kind_of_the_table_is_offered_in_its_order():
    assert [k.code for k in rules.trip_kinds(ON)] == ["official", "training", "outing", "official_leave"]
    assert [k.name for k in rules.trip_kinds(ON)] == ["公務出差", "研習出差", "公出", "公假"]


def test_an_official_trip_claims_all_three_items_of_the_travel_expenses():
    # 國內出差旅費報支要點第3點: 差旅費分交通費、住宿費及雜費
    kind = rules.trip_kind("official", ON)
    assert kind.pays == ("transport", "lodging", "miscellaneous") and kind.claim_sheet
    assert "國內出差旅費報支要點第3點" in kind.citation


def test_a_training_trip_claims_no_miscellaneous_expenses():
    # 說明簡表: 研習出差不支給雜費，交通費、住宿費仍按規定標準報支
    kind = rules.trip_kind("training", ON)
    assert kind.pays == ("transport", "lodging") and not kind.miscellaneous
    items = {i["item"]: i["paid"] for i in rules.trip_expense_items("training", ON)}
    assert items == {"transport": True, "lodging": True, "miscellaneous": False}


@pytest.mark.parametrize("code", ["outing", "official_leave"])
def test_an_outing_and_official_leave_claim_no_travel_expenses(code):
    kind = rules.trip_kind(code, ON)
    assert kind.pays == () and not kind.claim_sheet


def test_an_unknown_trip_kind_is_refused_in_chinese():
    with pytest.raises(rules.RuleInputError, match="未知的公差性質「abroad」"):
        rules.trip_kind("abroad", ON)


@pytest.mark.parametrize("destination, start, route", [
    ("mainland", date(2026, 7, 10), "letter_and_email"),   # 陸港澳地區全年皆須通報
    ("hkmo", date(2026, 10, 1), "letter_and_email"),
    ("other", date(2026, 7, 10), "email"),
    ("other", date(2026, 9, 1), "budget_review"),          # 立法院預算審查期間（9至12月）
    ("other", date(2026, 12, 31), "budget_review"),
    ("other", date(2027, 1, 1), "email"),
])
def test_the_principal_notice_follows_the_destination_and_the_budget_review(destination, start, route):
    found = rules.principal_notice_route(destination, start)
    assert found.code == route and found.notify == (route != "budget_review")
    assert "0990513754" in found.citation and "處理要點第5點" in found.citation


def test_the_principal_notice_letter_is_in_force_from_its_date():
    # 前教育部中部辦公室99年8月13日教中(人)字第0990513754號書函
    assert rules.principal_notice_route("other", date(2010, 8, 13)).code == "email"
    with pytest.raises(rules.RuleInputError):
        rules.principal_notice_route("other", date(2010, 8, 12))
    assert rules.principal_notice_contact(ON)["recipient"] == "教育部國民及學前教育署"


def test_the_mainland_return_report_is_due_seven_days_after_the_return():
    found = rules.mainland_rules(ON)
    assert found.return_report_due_days == 7
    assert "臺灣地區與大陸地區人民關係條例第9條" in found.form_citation


def test_the_default_breaks_of_school_year_115():
    breaks, citation = rules.default_school_breaks(115)
    assert breaks == {"winter": (date(2027, 1, 21), date(2027, 2, 15)), "summer": (date(2027, 7, 1), date(2027, 8, 31))}
    assert "寒暑假" in citation
