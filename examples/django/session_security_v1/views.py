"""View decorators the middleware understands."""


def passive(view):
    """Marks a view passive: its requests never count as activity (like a path in
    SESSION_SECURITY_PASSIVE_URLS), e.g. a polling endpoint."""
    view.session_security_passive = True
    return view
