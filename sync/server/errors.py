"""The 4xx answers a service can give, each an ErrorBody with an English sentence."""

from __future__ import annotations

import math
from typing import Any

from sync.protocol import ErrorBody, ErrorCode


class ApiError(Exception):
    """A refusal the client can act on: HTTP status, protocol error code, sentence."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        detail: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail or {}
        self.headers = headers

    def body(self) -> ErrorBody:
        """The JSON body of the answer."""
        return ErrorBody(error=self.code, message=self.message, detail=self.detail)


def bad_request(message: str, **detail: Any) -> ApiError:
    """The request itself is malformed (JSON, gzip, a parameter)."""
    return ApiError(400, ErrorCode.BAD_REQUEST, message, detail)


def unauthorized(message: str) -> ApiError:
    """No token, an unknown one or a revoked one."""
    return ApiError(401, ErrorCode.UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})


def too_large(message: str, limit: int) -> ApiError:
    """A body over the cap, raw or decompressed."""
    return ApiError(413, ErrorCode.TOO_LARGE, message, {"limit": limit})


def not_found(message: str) -> ApiError:
    """Nothing of that name in the caller's scope."""
    return ApiError(404, ErrorCode.NOT_FOUND, message)


def rate_limited(message: str, retry_after_s: float) -> ApiError:
    """Too many requests; ``Retry-After`` says (in whole seconds) when to try again."""
    wait = max(1, math.ceil(retry_after_s))
    return ApiError(
        429, ErrorCode.RATE_LIMITED, message, {"retry_after_s": wait}, {"Retry-After": str(wait)}
    )
