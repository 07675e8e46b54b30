"""Request validation errors, answered without echoing what the client sent.

FastAPI's default 422 body repeats each rejected input. That can hold a password
or token, and values JSON cannot carry (NaN, lone surrogates) turn the error
into a 500. This answer names the field and the problem only.
"""

import json
from typing import Any, cast

from fastapi import Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class SafeJSONResponse(JSONResponse):
    """JSON that escapes every non-ASCII character, so any text encodes."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False).encode()


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    # Registered for RequestValidationError only, so nothing else arrives here.
    errors = cast("RequestValidationError", exc).errors()
    detail = [
        {
            "type": error["type"],
            "loc": [
                part if isinstance(part, int) else str(part) for part in error["loc"]
            ],
            "msg": error["msg"],
        }
        for error in errors
    ]
    return SafeJSONResponse(
        {"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT
    )
