"""The main navigation: every area of the system, linked once it exists."""

from django.urls import NoReverseMatch, reverse

# (key, label, url name): an area whose url name does not resolve yet is shown as coming soon.
AREAS = [
    ("leave", "請假", "leave:home"),
    ("attendance", "出勤", "attendance:home"),
    ("overtime", "加班", "overtime:home"),
    ("trips", "差旅與出國", "trips:home"),
    ("wfh", "居家辦公", "wfh:home"),
    ("compliance", "人事業務", "compliance:home"),
    ("payroll", "薪資與統計", "payroll:home"),
]


def nav_areas() -> list[dict]:
    areas = []
    for key, label, url_name in AREAS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None
        areas.append({"key": key, "label": label, "url": url})
    return areas
