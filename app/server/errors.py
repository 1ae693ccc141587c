"""How the central store answers a request it cannot serve: a readable 422 for a body or a
query of the wrong shape, and a 503 with ``Retry-After`` when the database is busy."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.forms.records import is_valid_text
from app.server.db import busy_reason


def _plain(text: str) -> str:
    """``text`` as JSON can carry it to any client: a lone surrogate (from a key or value the
    client sent) written as its escape."""
    return text if is_valid_text(text) else text.encode("utf-8", "backslashreplace").decode()


def readable(exc: RequestValidationError) -> JSONResponse:
    """A 422 naming each refused field (``errors``) and saying it in one ``detail`` line."""
    errors = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
        errors.append({"field": _plain(where[:200]),
                       "message": _plain(str(error.get("msg", "invalid value")))})
    text = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return JSONResponse(status_code=422, content={"detail": text, "errors": errors})


async def on_validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return readable(exc)


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Any:
    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
        # JSON that Python cannot read: nested deeper than it recurses, or a number of
        # more than 4300 digits (a JSONDecodeError is a RequestValidationError already)
        return JSONResponse(status_code=422, content={
            "detail": "body: cannot be read (a number too long or nesting too deep); "
                      "expected a JSON document of the documented shape"})
    return await http_exception_handler(request, exc)


async def on_busy(_request: Request, exc: Exception) -> JSONResponse:
    found = busy_reason(exc)
    if found is None:
        raise exc  # not a busy database: a real failure, logged as such
    reason, retry_after = found
    return JSONResponse(
        status_code=503, headers={"Retry-After": str(retry_after)},
        content={"detail": f"the central store is busy ({reason}); expected a retry after "
                           f"{retry_after} s"})


def add_exception_handlers(app: FastAPI) -> None:
    """Install the store's answers to refused requests and to a busy database on ``app``."""
    app.exception_handler(RequestValidationError)(on_validation_error)
    app.exception_handler(StarletteHTTPException)(on_http_error)
    app.exception_handler(DBAPIError)(on_busy)
    app.exception_handler(PoolTimeoutError)(on_busy)
