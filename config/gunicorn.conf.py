"""Production gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

The access log never holds a client address, a query string, a referrer or a secret link: the
request path goes through integra.core.logging.redact_tokens, so the forum private link, booking and
call-back confirmation links and any signed value in a path are written as [token] (issue 9).
Override the address and the number of workers with GUNICORN_BIND / GUNICORN_WORKERS or on the command
line (command-line options win over this file).
"""

import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from integra.core.logging import redact_tokens  # noqa: E402 - needs the project on sys.path

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Time, method, path without the query string, protocol, status, bytes, duration in milliseconds.
# No %(h)s (address), %(r)s (request line with the query), %(q)s, %(f)s (referrer) or headers.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


class RedactingLogger(Logger):
    """gunicorn's logger with every atom that can carry a URL redacted, whatever the format says."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in ("r", "U"):
            if atoms.get(name):
                atoms[name] = redact_tokens(atoms[name])
        for name in ("q", "f", "h", "{referer}i", "{cookie}i", "{authorization}i"):
            if name in atoms:
                atoms[name] = "-"
        return atoms


logger_class = RedactingLogger
