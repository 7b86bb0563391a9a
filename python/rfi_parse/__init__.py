"""Parse archived news articles (RFI and other full-text feeds) into dicts.

The parsing is the Rust library's and the dicts come from its JSON writer, so they have
exactly the keys and values of ``rfi-parse``'s JSON output (docs/CONTRACT.md): dates and
times stay RFC 3339 text, absent values are ``None``, lists are lists.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from . import _native

__all__ = ["ParseError", "Reader", "parse", "read"]

PathLike = Union[str, "os.PathLike[str]"]


class ParseError(ValueError):
    """An input that could not be read as an article.

    ``path`` is the input's path (``None`` for :func:`parse`), ``line`` the line of the
    problem (``None`` when the file could not be read at all), ``kind`` ``"parse"`` or
    ``"io"``, and ``message`` the reason, as the command line reports it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Optional[str] = None,
        line: Optional[int] = None,
        kind: str = "parse",
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.kind = kind
        where = ":".join(str(part) for part in (path, line) if part is not None)
        super().__init__(f"{where}: {message}" if where else message)


def parse(
    data: Union[bytes, str], *, profile: Optional[str] = None, tz: Optional[str] = None
) -> Dict[str, Any]:
    """Parse one archived article and return it as a dict.

    ``data`` is the file's content, as bytes (any encoding the command line reads) or
    str. ``profile`` forces a source profile (``"rfi"``, ``"cna"``, ``"default"``…) and
    ``tz`` is the IANA zone of dates printed without an offset (the command line's
    ``--profile`` and ``--tz``, with the same defaults). Raises :class:`ParseError` with
    the line of the problem, or ``ValueError`` for an unknown profile or zone.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    elif not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"parse() takes bytes or str, not {type(data).__name__}")
    kind, text, line = _native.parse_json(bytes(data), profile, tz)
    if kind == "error":
        raise ParseError(text, line=line)
    return json.loads(text)


class Reader(Iterator[Dict[str, Any]]):
    """The articles of :func:`read`, one dict at a time, in input order.

    With ``errors="skip"``, ``skipped`` counts the inputs left out and ``failures``
    holds their :class:`ParseError`. ``close()`` (or leaving a ``with`` block) stops
    the workers early.
    """

    def __init__(self, native: Any, errors: str) -> None:
        self._native = native
        self._errors = errors
        self.skipped = 0
        self.failures: List[ParseError] = []

    def __iter__(self) -> "Reader":
        return self

    def __next__(self) -> Dict[str, Any]:
        while True:
            item = self._native.next_item()
            if item is None:
                raise StopIteration
            kind, text = item
            if kind == "article":
                return json.loads(text)
            if kind == "failure":
                report = json.loads(text)
                if report.get("kind") == "warning":
                    continue
                error = ParseError(
                    report["message"],
                    path=report["source"],
                    line=report.get("line"),
                    kind=report["kind"],
                )
                if self._errors == "raise":
                    self.close()
                    raise error
                self.skipped += 1
                self.failures.append(error)
                continue
            self.close()
            if kind == "no-input":
                raise FileNotFoundError(text)
            raise RuntimeError(text)

    def close(self) -> None:
        """Stop reading: no input starts after this."""
        self._native.close()

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    pattern: Optional[str] = None,
    threads: Optional[int] = None,
    dedupe: Optional[str] = None,
    errors: str = "raise",
    profile: Optional[str] = None,
    tz: Optional[str] = None,
) -> Reader:
    """Read files and folders as the command line does, and yield each article as a dict.

    Folders are walked for ``*.txt`` (posts in a Jekyll ``_posts`` folder, with the
    site's ``timezone:``), or for ``pattern`` (a glob such as ``"2024-03-*.txt"``). The
    files are parsed in parallel in Rust on ``threads`` workers (default: all cores) and
    yielded in input order, each with its ``source`` path, as in JSON Lines output.
    ``dedupe`` is ``"url"`` or ``"content"`` to keep one article per URL or text (the
    latest collected). A file that cannot be read raises :class:`ParseError` with its
    path and line (``errors="raise"``, the default), or is left out and counted in
    ``Reader.skipped`` (``errors="skip"``). ``FileNotFoundError`` when nothing is found.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(path) for path in paths]
    native = _native.Reader(
        names, pattern, threads, dedupe, errors == "raise", profile, tz
    )
    return Reader(native, errors)
