"""The server's logs: one JSON object per line, without query strings.

``clerk-central serve`` hands :func:`uvicorn_log_config` to uvicorn, so its own
messages, the access log and ``clerk_central``'s loggers all go through
:class:`JsonFormatter`. An access line keeps the method, the path without its
query string (the status page's query code travels there), the status and the
client address. Any other message has query strings cut from what looks like a
path or URL, and 18-character resident ID numbers masked.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_QUERY = re.compile(r"(/[^\s?\"'<>]*)\?[^\s\"'<>]*")
_RESIDENT_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def strip_query(path: str) -> str:
    return path.split("?", 1)[0]


def scrub(text: str) -> str:
    """Cut query strings and mask resident ID numbers in a free-form message."""
    return _RESIDENT_ID.sub("[id]", _QUERY.sub(r"\1", text))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            client, method, path, http_version, status = args
            out.update(
                client=str(client),
                method=str(method),
                path=scrub(strip_query(str(path))),
                http=str(http_version),
                status=int(status) if isinstance(status, int | str) else status,
            )
            out["message"] = f"{method} {out['path']} {status}"
        else:
            out["message"] = scrub(record.getMessage())
        if record.exc_info:
            out["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False)


def uvicorn_log_config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for uvicorn's ``log_config``: JSON lines on stderr."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    upper = level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "clerk_central.logs.JsonFormatter"}},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": upper, "propagate": False},
            "uvicorn.error": {"handlers": ["default"], "level": upper, "propagate": False},
            "uvicorn.access": {"handlers": ["default"], "level": upper, "propagate": False},
            "clerk_central": {"handlers": ["default"], "level": upper, "propagate": False},
        },
    }


__all__ = ["JsonFormatter", "scrub", "strip_query", "uvicorn_log_config"]
