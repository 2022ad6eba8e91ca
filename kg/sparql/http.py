"""HTTP for remote SPARQL 1.1 stores, for queries and pushes alike: credentials, one
retry policy and one way of naming what went wrong.

Credentials come from ``PARLEY_ENDPOINT_USER`` / ``PARLEY_ENDPOINT_PASSWORD`` or from a
netrc entry for the endpoint's host, never from the command line, and never appear in
messages. Idempotent requests are retried with backoff a bounded number of times.

The store must query the union of its named graphs as the default graph (Oxigraph
``serve --union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do so
by default), as parley's local store does.
"""

from __future__ import annotations

import base64
import http.client
import netrc
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import TypeVar

__all__ = ["EndpointError", "credentials", "check_url", "safe_url", "request", "with_retries", "rejected",
           "RETRIES", "TIMEOUT"]

RETRIES = 3          # attempts for an idempotent request
TIMEOUT = 30.0       # seconds per request
_BACKOFF = 0.5       # seconds before the second attempt; doubles each time
_RETRY_STATUS = {429, 500, 502, 503, 504}
T = TypeVar("T")


class EndpointError(Exception):
    """A remote store could not do what was asked; the message names it and the cause."""


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url`` from the environment, else from netrc, else None."""
    user, password = os.environ.get("PARLEY_ENDPOINT_USER"), os.environ.get("PARLEY_ENDPOINT_PASSWORD")
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(os.environ.get("NETRC")).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    if entry and entry[0] and entry[2] is not None:
        return entry[0], entry[2]
    return None


def check_url(url: str, what: str) -> str:
    """``url`` if it is an http(s) URL without credentials in it; EndpointError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{what} {safe_url(url)}: not an http(s) URL")
    if parts.username or parts.password:
        raise EndpointError(f"{what} {safe_url(url)}: put credentials in PARLEY_ENDPOINT_USER and "
                            "PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL")
    return url


def safe_url(url: str) -> str:
    """The URL without any user information, for messages."""
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        host = parts.netloc.rpartition("@")[2]  # the host and port as written (IPv6 in brackets)
        parts = parts._replace(netloc=host)
    return urllib.parse.urlunsplit(parts)


def request(url: str, *, method: str, body: bytes | None = None, content_type: str | None = None,
            accept: str | None = None, timeout: float = TIMEOUT) -> tuple[int, str, bytes]:
    """One HTTP request with the endpoint's credentials: status, content type and body
    (urllib's errors are raised as they are: :func:`with_retries` names them)."""
    outgoing = urllib.request.Request(url, data=body, method=method)
    if content_type:
        outgoing.add_header("Content-Type", content_type)
    if accept:
        outgoing.add_header("Accept", accept)
    auth = credentials(url)
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        outgoing.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(outgoing, timeout=timeout) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def with_retries(call: Callable[[], T], url: str, retries: int = RETRIES) -> T:
    """Run ``call``, retrying transient failures (connection errors, time-outs, HTTP 429
    and 5xx) with backoff, at most ``retries`` attempts; EndpointError otherwise."""
    delay = _BACKOFF
    for attempt in range(1, retries + 1):
        try:
            return call()
        except urllib.error.HTTPError as err:
            cause = _http_cause(err)
            transient = err.code in _RETRY_STATUS
        except urllib.error.URLError as err:
            reason = err.reason
            transient = True
            if isinstance(reason, (TimeoutError, socket.timeout)):
                cause = "no answer (timed out)"
            else:
                cause = f"cannot connect ({getattr(reason, 'strerror', None) or reason})"
        except (TimeoutError, socket.timeout):
            cause, transient = "no answer (timed out)", True
        except (ConnectionError, http.client.HTTPException) as err:
            cause, transient = f"connection failed ({err.__class__.__name__}: {err})", True
        if not transient or attempt == retries:
            tries = f" after {attempt} attempts" if attempt > 1 else ""
            raise EndpointError(f"{safe_url(url)}: {cause}{tries}")
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


class _Rejected(urllib.error.HTTPError):
    """An HTTP error status with the first line of the store's explanation."""

    def __init__(self, url: str, code: int, reason: str, detail: str):
        super().__init__(url, code, reason, None, None)
        self.detail = detail


_WRAPPER_ERRORS = {"QueryBadFormed": (400, "Bad Request"), "Unauthorized": (401, "Unauthorized"),
                   "EndPointNotFound": (404, "Not Found"), "URITooLong": (414, "URI Too Long"),
                   "EndPointInternalError": (500, "Internal Server Error")}


def rejected(url: str, err: Exception) -> urllib.error.HTTPError:
    """SPARQLWrapper's own error for an HTTP status, as the HTTP error it stands for (with
    the first line of the store's explanation), so every request names it alike."""
    code, reason = _WRAPPER_ERRORS.get(err.__class__.__name__, (500, "Internal Server Error"))
    detail = str(err).partition("Response:\n")[2].strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return _Rejected(url, code, reason, detail.splitlines()[0][:200] if detail else "")


def _http_cause(err: urllib.error.HTTPError) -> str:
    detail = getattr(err, "detail", "")
    if not detail and err.fp is not None:
        try:
            detail = err.read(300).decode("utf-8", "replace").strip().split("\n")[0]
        except OSError:
            detail = ""
    hint = {401: " (set PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or a ~/.netrc entry)",
            403: " (the credentials do not allow this)", 404: " (is the URL right?)",
            400: " (the store rejected the request)"}.get(err.code, "")
    text = f"HTTP {err.code} {err.reason}{hint}"
    return f"{text}: {detail}" if detail and err.code in (400, 500) else text
