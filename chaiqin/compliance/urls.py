from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "xlsx|ods"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

app_name = "compliance"
urlpatterns = [
    path("", views.home, name="home"),
    path("protections/", views.protections, name="protections"),
    path("lactation/new/", views.lactation_new, name="lactation_new"),
    path("lactation/<int:form_id>/", views.lactation_detail, name="lactation"),
    path("childcare/new/", views.childcare_new, name="childcare_new"),
    path("childcare/<int:form_id>/", views.childcare_detail, name="childcare"),
    path("<str:kind>/<int:form_id>/decide/", views.protection_decide, name="protection_decide"),
    path("<str:kind>/<int:form_id>/resubmit/", views.protection_resubmit, name="protection_resubmit"),
    path("survey/", views.survey, name="survey"),
    path("survey/<int:year>/", views.survey, name="survey_year"),
    path("survey/<int:year>/export.<fmt:fmt>", views.survey_export, name="survey_export"),
    path("rollup/", views.rollup, name="rollup"),
    path("rollup/<int:year>/", views.rollup, name="rollup_year"),
    path("rollup/<int:year>/export.<fmt:fmt>", views.rollup_export, name="rollup_export"),
    path("committees/", views.committees, name="committees"),
    path("committees/<int:year>/", views.committees, name="committees_year"),
    path("unpaid-leave/", views.unpaid_leave, name="unpaid_leave"),
    path("travel-card/", views.travel_card, name="travel_card"),
    path("travel-card/<int:year>/", views.travel_card, name="travel_card_year"),
]
