from accounts.roles import scope_of


def navigation(request) -> dict:
    """The user's scope, for the navigation of the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"scope": None}
    return {"scope": scope_of(user)}
