from django.urls import path

from . import views_days_off, views_office, views_people

app_name = "console"
urlpatterns = [
    path("", views_office.home, name="home"),
    path("agency/", views_office.agency, name="agency"),
    path("people/", views_people.people, name="people"),
    path("people/new/", views_people.person_new, name="person_new"),
    path("people/<int:person_id>/", views_people.person, name="person"),
    path("people/<int:person_id>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<int:person_id>/move/", views_people.person_move, name="person_move"),
    path("people/<int:person_id>/unpaid-leave/", views_people.person_unpaid_leave, name="person_unpaid_leave"),
    path("people/<int:person_id>/reinstate/", views_people.person_reinstate, name="person_reinstate"),
    path("people/<int:person_id>/separate/", views_people.person_separate, name="person_separate"),
    path("people/<int:person_id>/login/", views_people.person_login, name="person_login"),
    path("people/<int:person_id>/password/", views_people.person_password, name="person_password"),
    path("people/<int:person_id>/login-active/", views_people.person_login_active, name="person_login_active"),
    path("people/<int:person_id>/agents/", views_people.person_agents, name="person_agents"),
    path("units/", views_office.units, name="units"),
    path("units/new/", views_office.unit_new, name="unit_new"),
    path("units/<int:unit_id>/head/", views_office.unit_head, name="unit_head"),
    path("roles/", views_office.roles, name="roles"),
    path("roles/new/", views_office.role_new, name="role_new"),
    path("roles/<int:assignment_id>/revoke/", views_office.role_revoke, name="role_revoke"),
    path("routes/", views_office.routes, name="routes"),
    path("routes/set/", views_office.route_set, name="route_set"),
    path("calendar/", views_office.calendar, name="calendar"),
    path("calendar/closures/new/", views_office.closure_new, name="closure_new"),
    path("calendar/closures/withdraw/", views_office.closure_withdraw, name="closure_withdraw"),
    path("calendar/days/set/", views_office.day_set, name="day_set"),
    path("calendar/days/clear/", views_office.day_clear, name="day_clear"),
    path("events/", views_office.events, name="events"),
    path("days-off/", views_days_off.days_off_page, name="days_off"),
]
