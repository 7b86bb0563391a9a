import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Union

PathLike = Union[str, os.PathLike[str]]

class ParseError(ValueError):
    message: str
    path: Optional[str]
    line: Optional[int]
    kind: str
    def __init__(
        self,
        message: str,
        *,
        path: Optional[str] = ...,
        line: Optional[int] = ...,
        kind: str = ...,
    ) -> None: ...

def parse(
    data: Union[bytes, str], *, profile: Optional[str] = ..., tz: Optional[str] = ...
) -> Dict[str, Any]: ...

class Reader(Iterator[Dict[str, Any]]):
    skipped: int
    failures: List[ParseError]
    def __iter__(self) -> Reader: ...
    def __next__(self) -> Dict[str, Any]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Reader: ...
    def __exit__(self, *exc: object) -> None: ...

def read(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    pattern: Optional[str] = ...,
    threads: Optional[int] = ...,
    dedupe: Optional[Literal["url", "content"]] = ...,
    errors: Literal["raise", "skip"] = ...,
    profile: Optional[str] = ...,
    tz: Optional[str] = ...,
) -> Reader: ...
