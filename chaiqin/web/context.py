"""Template context shared by every page."""


def current_person(request):
    """The logged-in user's Person (or None), as `me` in templates. No query for anonymous users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"me": None}
    return {"me": getattr(user, "person", None)}
