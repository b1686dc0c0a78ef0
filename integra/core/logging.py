import logging
import re

_QUERY = re.compile(r"\?\S*")
_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Secret links (forum private link, booking and call-back confirmations, legacy change links) and any
# path segment that looks like a Django signed value ("payload:timestamp:signature").
_TOKEN_PATH = re.compile(r"(/(?:private|confirmation|change)/)[A-Za-z0-9_.:=~%-]{12,}")
_SIGNED = re.compile(r"(?<=/)[A-Za-z0-9_-]+:[A-Za-z0-9_:-]{10,}")


def redact_tokens(text: str) -> str:
    """The text with secret tokens in URL paths replaced by [token] and query strings by ?[query]."""
    return _SIGNED.sub("[token]", _TOKEN_PATH.sub(r"\1[token]", _QUERY.sub("?[query]", text)))


class NoPersonalDataFilter(logging.Filter):
    """Strips query strings, e-mail addresses and IPv4 addresses from log lines.

    Query strings can carry search terms, references or receipts typed by a visitor;
    Integra never needs them in a log to operate the service.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _EMAIL.sub("[email]", _IPV4.sub("[address]", redact_tokens(message)))
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True
