"""The demo agencies answer the survey by themselves, with the evidence (issue 8)."""

from chaiqin.compliance import demo, selectors
from chaiqin.compliance.models import LactationRequest
from chaiqin.org.demo import demo_load as org_demo_load
from chaiqin.org.models import Agency


def test_the_demo_answers_the_survey_with_evidence_and_has_a_nursing_employee(db):
    org_demo_load()
    summary = demo.demo_load()
    assert "哺（集）乳時間" in summary
    assert LactationRequest.objects.get().case.status == "approved"
    county = Agency.objects.get(code="376550000A")
    view = selectors.survey_view(county, 115)
    assert view.completed, view.open_numbers
    item5 = view.items[4]
    assert item5.effective == "是" and item5.stored.source == "confirmed" and item5.evidence
    assert all(i.stored.evidence for i in view.items)
    assert demo.demo_load() == ""  # idempotent
