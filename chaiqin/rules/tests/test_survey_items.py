"""The 19 items of the year-115 gender-friendly survey (seed 004) and their legal basis."""

import pytest

from chaiqin import rules

# Read off seed 004's 檢核表, column 說明／法令依據: item -> the law each item rests on.
LAW_OF_ITEM = {
    1: "性別平等工作法第13條第1項",
    2: "性別平等工作法第13條第1項",
    3: "性別平等工作法第23條第1項",
    4: "性別平等工作法第23條第1項",
    5: "性別平等工作法第18條",
    6: "考績委員會組織規程第2條第3項",
    7: "公務人員陞遷法施行細則第7條第1項",
    8: "公務人員留職停薪辦法第5條",
    9: "公務人員陞任評分標準表第6點",
    10: "公教人員保險法第35",
    11: "公務人員請假規則第3條第1項",
    12: "休假改進措施第5點第1項第1款第4目",
    13: "公務人員考績法施行細則第4條第6項",
    14: "作業要點第12點第4項",
    15: "部法一字第10136445961號",
    16: "性別平等工作法第19條第1項",
    17: "公務人員留職停薪辦法第2條第2項",
    18: "公務人員執行職務安全及衛生防護辦法第6條",
    19: "公務人員考績法第3條第1項",
}


def test_year_115_has_nineteen_items_numbered_one_to_nineteen():
    assert [item.number for item in rules.survey_items(115)] == list(range(1, 20))


@pytest.mark.parametrize(("number", "law"), sorted(LAW_OF_ITEM.items()))
def test_every_item_cites_its_law_and_quotes_it(number, law):
    item = rules.survey_items(115)[number - 1]
    assert law in item.citation
    assert law.split("第")[0] in item.basis
    assert item.title


def test_only_items_15_and_16_are_reverse_items():
    # 說明三: 編號15、16係反向題.
    assert {item.number for item in rules.survey_items(115) if item.reverse} == {15, 16}


def test_the_titles_are_the_survey_questions():
    items = rules.survey_items(115)
    assert items[0].title == "是否依法訂定申訴管道／性騷擾防治措施、申訴及懲戒規範"
    assert items[14].title == "是否指派妊娠或哺乳期間之女性公務人員於午後10時至翌晨6時之時間內工作"
    assert items[15].title == "為撫育未滿3歲子女，請求依法減少或調整工作時間者，機關是否拒絕"


def test_the_quoted_basis_keeps_the_full_article_text():
    item6 = rules.survey_items(115)[5]
    assert "該性別受考人人數在二十人以上者，至少二人" in item6.basis
    item7 = rules.survey_items(115)[6]
    assert "應置委員五人至二十三人" in item7.basis


def test_one_new_and_four_amended_items_are_marked():
    # 主旨: 新增1項及修正4項 (the underlined parts of the 一覽表: 8, 10, 13, 14 amended; 19 new).
    changes = {item.number: item.change for item in rules.survey_items(115) if item.change}
    assert changes == {8: "amended", 10: "amended", 13: "amended", 14: "amended", 19: "new"}


def test_the_gregorian_year_gives_the_same_survey():
    assert rules.survey_items(2026) == rules.survey_items(115)


@pytest.mark.parametrize("year", [114, 116, 2030, 0, -1, "115", None])
def test_a_year_without_a_survey_on_file_is_refused(year):
    with pytest.raises(rules.RuleInputError, match="年"):
        rules.survey_items(year)


def test_the_headcount_is_taken_on_the_first_of_september_and_counts_everyone_on_the_payroll():
    # 說明一: 以115年9月1日現有人數為基準（含職員、教師、約聘僱人員、技工、工友、駕駛、駐衛警、臨時人員及留職停薪人員等）.
    from datetime import date

    info = rules.survey_info(115)
    assert info.headcount_date == date(2026, 9, 1)
    assert info.headcount_items == {1, 2, 3, 4, 16}
    for who in ("職員", "教師", "約聘僱人員", "技工", "工友", "駕駛", "駐衛警", "臨時人員", "留職停薪人員"):
        assert who in info.headcount_includes
