"""The ASGI app: routes, error bodies for every refusal, gzip answers."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware

from sync.protocol import ErrorBody, ErrorCode
from sync.server import routes
from sync.server.errors import ApiError
from sync.server.runtime import Runtime
from sync.server.services.ratelimit import Limits
from sync.server.settings import ServerSettings

log = logging.getLogger("outpost.server")


def _error(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    if exc.status >= 500:
        log.error("%s", exc.message)
    return _error(exc.status, exc.body(), exc.headers)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in list(exc.errors())[:10]
    ]
    body = ErrorBody(
        error=ErrorCode.BAD_REQUEST,
        message="A parameter of the request is missing or malformed.",
        detail={"problems": problems},
    )
    return _error(400, body)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.BAD_REQUEST
    body = ErrorBody(error=code, message=str(exc.detail))
    return _error(exc.status_code, body, dict(exc.headers or {}))


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, told the truth: the bodies that dependencies read are there, and
    a malformed request is a 400 ErrorBody (declared per route), not FastAPI's 422."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in routes.BODY_MODELS:
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(body.pop("$defs", {}))
            components[model.__name__] = body
        for operation in (op for path in schema["paths"].values() for op in path.values()):
            answer = operation["responses"].get("422", {})
            if "HTTPValidationError" in str(answer.get("content")):
                del operation["responses"]["422"]
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(settings: ServerSettings, runtime: Runtime | None = None) -> FastAPI:
    """The server app; opens (and migrates) the store unless a runtime is handed in."""
    opened = runtime or Runtime.open(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if runtime is None:  # a runtime handed in belongs to whoever made it
            opened.close()

    app = FastAPI(title="Outpost town server", lifespan=lifespan, openapi_url="/v1/openapi.json")
    app.state.runtime = opened
    app.state.limits = Limits.for_settings(settings)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    # Level 6: within 1 % of 9 on event pages, at two thirds of the time.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    app.include_router(routes.probe)
    app.include_router(routes.api)
    return app
