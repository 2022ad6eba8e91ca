"""HTTP for remote SPARQL 1.1 stores, for queries and pushes alike: credentials, one
retry policy and one way of naming what went wrong.

Credentials come from ``PARLEY_ENDPOINT_USER`` / ``PARLEY_ENDPOINT_PASSWORD`` or from a
netrc entry for the endpoint's host, never from the command line, and never appear in
messages: a redirect to another origin (scheme, host or port) is followed without them,
and a URL is printed without user information, fragment or the values of key-, token-
or password-like query parameters. A request ends by its deadline (``timeout`` seconds
for the whole request, answer included, however slowly the store sends it).
Idempotent requests are retried with backoff a bounded number of times.

The store must query the union of its named graphs as the default graph (Oxigraph
``serve --union-default-graph``, Fuseki ``unionDefaultGraph``; GraphDB and Virtuoso do so
by default), as parley's local store does.
"""

from __future__ import annotations

import base64
import http.client
import math
import netrc
import os
import queue
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import TypeVar

__all__ = ["EndpointError", "credentials", "check_url", "check_timeout", "safe_url", "request", "send",
           "with_retries", "RETRIES", "TIMEOUT"]

RETRIES = 3          # attempts for an idempotent request
TIMEOUT = 30.0       # seconds per request
_BACKOFF = 0.5       # seconds before the second attempt; doubles each time
_RETRY_STATUS = {429, 500, 502, 503, 504}
_CHUNK = 1 << 16
_SECRET_PARAMETER = re.compile(r"key|token|secret|pass|auth|sig|session|credential", re.I)
T = TypeVar("T")


class EndpointError(Exception):
    """A remote store could not do what was asked; the message names it and the cause."""


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url`` from the environment, else from netrc, else None."""
    user, password = os.environ.get("PARLEY_ENDPOINT_USER"), os.environ.get("PARLEY_ENDPOINT_PASSWORD")
    if user and password is not None:
        return user, password
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as err:
        raise EndpointError(f"{path}:{err.lineno or 0}: cannot read this netrc file: {err.msg}") from None
    except UnicodeDecodeError:
        raise EndpointError(f"{path}: cannot read this netrc file: it is not UTF-8 text") from None
    except OSError as err:
        raise EndpointError(f"{path}: cannot read this netrc file: {err.strerror or err}") from None
    if entry and entry[0] and entry[2] is not None:
        return entry[0], entry[2]
    return None


def check_url(url: str, what: str) -> str:
    """``url`` if it is an http(s) URL without credentials in it; EndpointError otherwise.

    Any ``@`` counts as user information (a password holding ``#``, ``/`` or ``?`` would
    hide it from a URL parser), and such a URL is never echoed.

    >>> check_url("http://user:pa#ss@host/query", "endpoint")
    Traceback (most recent call last):
    parley.sparql.http.EndpointError: endpoint URL: put credentials in PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD or in ~/.netrc, not in the URL (write a '@' of the URL itself as %40)
    """
    if "@" in url or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        if "@" in url:
            raise EndpointError(f"{what} URL: put credentials in PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD "
                                "or in ~/.netrc, not in the URL (write a '@' of the URL itself as %40)")
        raise EndpointError(f"{what} {safe_url(url)}: spaces and control characters must be percent-encoded")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises for a port that is not a number)
    except ValueError as err:
        raise EndpointError(f"{what} {safe_url(url)}: not a valid URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{what} {safe_url(url)}: not an http(s) URL")
    return url


def check_timeout(seconds: float) -> float:
    """``seconds`` if it is a finite number of seconds above zero; ValueError otherwise."""
    if not (isinstance(seconds, (int, float)) and math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"the timeout must be a finite number of seconds above 0, not {seconds!r}")
    return float(seconds)


def safe_url(url: str) -> str:
    """The URL as it may be printed: no user information, no fragment, and the values of
    query parameters that look like keys, tokens or passwords replaced by ``***``.

    >>> safe_url("https://u:p@store.example/sparql?apikey=abc&graph=g#x")
    'https://store.example/sparql?apikey=***&graph=g'
    """
    url = "".join(c if c.isprintable() and c != " " else f"%{ord(c):02X}" for c in url)[:300]
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "a URL that is not http(s)"
    rest = rest.partition("#")[0]
    if "@" in rest:  # the host and what follows it: after the last '@' (a password may hold anything)
        rest = rest.rpartition("@")[2]
    path, question, query = rest.partition("?")
    if question:
        pairs = [pair.partition("=") for pair in query.split("&")]
        query = "&".join(f"{name}={'***' if _SECRET_PARAMETER.search(name) and value else value}" if eq else name
                         for name, eq, value in pairs)
    return f"{scheme}://{path}{question}{query}"


class _SameOriginCredentials(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but sends the ``Authorization`` header only to the origin it was
    meant for."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and _origin(newurl) != _origin(req.full_url):
            for name in [k for k in new.headers if k.lower() == "authorization"]:
                del new.headers[name]
            new.unredirected_hdrs.pop("Authorization", None)
        return new


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = None
    return parts.scheme, (parts.hostname or "").lower(), port


_OPENER = urllib.request.build_opener(_SameOriginCredentials())


def send(outgoing: urllib.request.Request, *, timeout: float = TIMEOUT) -> tuple[int, str, bytes]:
    """Send a request and read its answer by the deadline ``timeout`` seconds from now:
    status, content type and body. Raises urllib's errors as they come, and
    :class:`TimeoutError` when the deadline passes, even if the store keeps sending."""
    timeout = check_timeout(timeout)
    answers: queue.Queue = queue.Queue(maxsize=1)
    late = threading.Event()

    def work() -> None:
        try:
            with _OPENER.open(outgoing, timeout=timeout) as response:
                chunks = []
                while not late.is_set() and (chunk := response.read1(_CHUNK) if hasattr(response, "read1")
                                             else response.read(_CHUNK)):
                    chunks.append(chunk)
                answers.put((response.status, response.headers.get("Content-Type", ""), b"".join(chunks)))
        except BaseException as err:  # handed to the caller's thread
            answers.put(err)

    # a thread of its own, not waited for at exit: the caller is answered by the deadline
    threading.Thread(target=work, name="parley-http", daemon=True).start()
    try:
        answer = answers.get(timeout=timeout)
    except queue.Empty:
        late.set()
        raise TimeoutError("no answer by the deadline") from None
    if isinstance(answer, BaseException):
        raise answer
    return answer


def request(url: str, *, method: str, body: bytes | None = None, content_type: str | None = None,
            accept: str | None = None, timeout: float = TIMEOUT) -> tuple[int, str, bytes]:
    """One HTTP request with the endpoint's credentials: status, content type and body
    (urllib's errors are raised as they are: :func:`with_retries` names them)."""
    check_url(url, "URL")
    outgoing = urllib.request.Request(url, data=body, method=method)
    if content_type:
        outgoing.add_header("Content-Type", content_type)
    if accept:
        outgoing.add_header("Accept", accept)
    auth = credentials(url)
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        outgoing.add_header("Authorization", f"Basic {token}")
    return send(outgoing, timeout=timeout)


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


def _http_cause(err: urllib.error.HTTPError) -> str:
    detail = ""
    if err.fp is not None:
        try:
            detail = err.read(300).decode("utf-8", "replace").strip().split("\n")[0]
        except OSError:
            detail = ""
    hint = {401: " (set PARLEY_ENDPOINT_USER and PARLEY_ENDPOINT_PASSWORD, or a ~/.netrc entry)",
            403: " (the credentials do not allow this)", 404: " (is the URL right?)",
            400: " (the store rejected the request)"}.get(err.code, "")
    text = f"HTTP {err.code} {err.reason}{hint}"
    return f"{text}: {detail}" if detail and err.code in (400, 500) else text
