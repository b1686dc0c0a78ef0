import logging
import re

_QUERY = re.compile(r"\?\S*")
_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


class NoPersonalDataFilter(logging.Filter):
    """Strips query strings, e-mail addresses and IPv4 addresses from log lines.

    Query strings can carry search terms, references or receipts typed by a visitor;
    Integra never needs them in a log to operate the service.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _EMAIL.sub("[email]", _IPV4.sub("[address]", _QUERY.sub("?[query]", message)))
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True
