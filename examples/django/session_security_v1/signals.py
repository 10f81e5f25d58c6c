from django.dispatch import Signal

# Sent once when a signed-in session ends, with the keyword arguments `request`, `user` (the user
# the session belonged to) and `reason`: 'idle', 'absolute' or 'logout'. A logout is any call of
# django.contrib.auth.logout() (the protocol's DELETE included); expiries are found by the
# middleware on the session's next request. Receivers write audit logs; they must not raise.
session_ended = Signal()
