"""A cap on request bodies, so no client can make the service buffer megabytes.

Neither uvicorn nor Starlette limits a body's size, and FastAPI reads a JSON
body whole before it validates it (OWASP API4:2023). A declared length over
the cap is refused before anything is read; a body sent in chunks is counted
as it arrives and refused once it passes the cap.
"""

from fastapi import HTTPException, status
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Generous for this API's JSON and forms; raise it here for routes that need more.
MAX_BODY_BYTES = 1024 * 1024
TOO_LARGE = "Request body too large"


class BodySizeLimitMiddleware:
    """Answer 413 to any request whose body is larger than `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        if declared_length(scope) > self.max_bytes:
            response = JSONResponse(
                {"detail": TOO_LARGE},
                status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            )
            await response(scope, receive, send)
            return

        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised while the app reads the body: FastAPI passes an
                    # HTTPException on, and the app's handler answers it.
                    raise HTTPException(
                        status.HTTP_413_CONTENT_TOO_LARGE, detail=TOO_LARGE
                    )
            return message

        await self.app(scope, counted_receive, send)


def declared_length(scope: Scope) -> int:
    """The request's Content-Length; 0 when absent (a malformed one is uvicorn's)."""
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit():
            return int(value)
    return 0
