"""The demo's audit log: one line per ended session, from the session_ended signal."""

import logging

from django.dispatch import receiver

from session_security_v1.signals import session_ended

audit_log = logging.getLogger('demo_site.audit')


@receiver(session_ended, dispatch_uid='demo_site.audit')
def log_session_end(sender, request, user, reason, **kwargs):
    audit_log.info('session ended: user=%s reason=%s', user.get_username(), reason)
