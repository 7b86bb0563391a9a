from typing import List, Optional, Tuple

def parse_json(
    data: bytes, profile: Optional[str] = ..., tz: Optional[str] = ...
) -> Tuple[str, str, int]: ...

class Reader:
    def __init__(
        self,
        paths: List[str],
        pattern: Optional[str] = ...,
        threads: Optional[int] = ...,
        dedupe: Optional[str] = ...,
        fail_fast: bool = ...,
        profile: Optional[str] = ...,
        tz: Optional[str] = ...,
    ) -> None: ...
    def next_item(self) -> Optional[Tuple[str, str]]: ...
    def close(self) -> None: ...
