"""`manage.py serve HOST:PORT`: migrate the (throw-away) database, create demo/demo, serve.
PORT 0 picks a free port; the first line printed says the address."""

import signal
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection


class DemoServer(ThreadedWSGIServer):
    """Django's threaded development server with a longer listen queue: a burst of
    connections (the conformance suite opens dozens at once) must wait to be accepted, not have
    its SYNs dropped and retried seconds later, as with the default queue of 10."""

    request_queue_size = 128


class QuietRequestHandler(WSGIRequestHandler):
    """Django's development request handler without a log line per request."""

    def log_message(self, format, *args):
        pass


class Command(BaseCommand):
    help = 'Prepares a throw-away database with the user demo/demo and serves the demo.'

    def add_arguments(self, parser):
        parser.add_argument('address', help='HOST:PORT, e.g. 127.0.0.1:8000 (port 0: any free port)')

    def handle(self, *args, address, **options):
        host, separator, port_text = address.rpartition(':')
        if not separator or not host or not port_text.isdigit() or int(port_text) > 65535:
            raise CommandError(f'address must be HOST:PORT, got {address!r}')
        if settings.DATABASES['default']['NAME'] == ':memory:':
            raise CommandError('run it as `python3 manage.py serve ...`: it prepares the database')
        call_command('migrate', verbosity=0, interactive=False)
        with connection.cursor() as cursor:
            # Readers then never wait for a writer: many concurrent requests stay fast.
            cursor.execute('PRAGMA journal_mode=WAL')
        get_user_model().objects.create_user('demo', password='demo')
        server = DemoServer((host, int(port_text)), QuietRequestHandler, ipv6=':' in host)
        server.set_app(get_wsgi_application())
        server.daemon_threads = True
        timeouts = (
            f'warn after {settings.SESSION_SECURITY_WARN_AFTER} s idle, '
            f'expire after {settings.SESSION_SECURITY_EXPIRE_AFTER} s, '
            f'absolute timeout {settings.SESSION_SECURITY_ABSOLUTE_TIMEOUT or "none"}'
        )
        # SIGTERM and SIGINT (even when a shell started this in the background, which ignores
        # SIGINT) stop the server the same way, so the throw-away database is deleted. Set
        # before the first line is printed: whoever reads it may stop the server at once.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            self.stdout.write(f'Django demo on http://{host}:{server.server_port}/ ({timeouts})')
            self.stdout.write(f'throw-away database: {settings.DATABASES["default"]["NAME"]}')
            sys.stdout.flush()
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
