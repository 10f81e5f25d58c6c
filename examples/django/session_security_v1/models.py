from django.db import models


class ActivityRecord(models.Model):
    """The clocks of one signed-in session, kept apart from the session data so that
    concurrent requests update them in place and a late save of the session cannot bring an
    ended session back. The token is a random value stored in the session at sign-in.

    A record with a non-empty `ended_reason` is a tombstone: its session ended (idle, absolute,
    logout) and is never valid again, whatever the session store still holds."""

    token = models.CharField(max_length=64, primary_key=True)
    last_activity_ms = models.BigIntegerField()
    started_at_ms = models.BigIntegerField()
    ended_reason = models.CharField(max_length=8, blank=True, default='')
    # The session key the session had when it ended, if its cookie may outlive it in the
    # browser: the next page load with that cookie can then say why the session ended.
    ended_session_key = models.CharField(max_length=64, blank=True, default='', db_index=True)
    # Epoch ms after which the record may be deleted (the session is over by then anyway).
    keep_until_ms = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = 'session_security_v1_activity'
