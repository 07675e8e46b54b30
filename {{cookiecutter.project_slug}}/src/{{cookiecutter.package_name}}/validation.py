"""Validation errors: the 422 answer, without the rejected input in it."""

from typing import cast

from fastapi import Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """Answer like FastAPI's own handler, less each error's `input`.

    Echoed input can be a password, and a value JSON cannot carry (NaN, an
    infinity, a lone surrogate) would turn the 422 into a 500.
    """
    # Registered for RequestValidationError only, so nothing else arrives here.
    errors = cast("RequestValidationError", exc).errors()
    detail = [
        {key: value for key, value in error.items() if key != "input"}
        for error in errors
    ]
    return JSONResponse(
        {"detail": jsonable_encoder(detail)},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )
