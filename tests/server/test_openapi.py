"""The OpenAPI document describes every answer of the central store, and its routes come from
one router per topic (app.server.routes)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from app.server import routes
from app.server.app import create_app  # (it loads every router of app.server.routes)

TOPICS = ("auth", "sync", "partner", "figures", "admin")
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    made = create_app(f"sqlite:///{tmp_path_factory.mktemp('openapi') / 'store.db'}")
    yield made
    made.state.engine.dispose()


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = document["components"]["schemas"][name]
    return schema


def _described(schema: dict[str, Any], document: dict[str, Any]) -> bool:
    """A schema that says something: a type other than a bare object, an object with its
    properties, or a choice of such schemas."""
    schema = _resolve(schema, document)
    choices = schema.get("anyOf") or schema.get("oneOf")
    if choices:
        return all(_described(choice, document) for choice in choices)
    kind = schema.get("type")
    if kind == "object":
        return bool(schema.get("properties"))
    if kind == "array":
        return _described(schema.get("items") or {}, document)
    return kind is not None or "const" in schema or "enum" in schema


def test_every_operation_describes_its_answer(app: FastAPI) -> None:
    document = app.openapi()
    operations = [(path, method, operation) for path, item in document["paths"].items()
                  for method, operation in item.items() if method in METHODS]
    assert len(operations) >= 20
    missing = []
    for path, method, operation in operations:
        answers = [answer for code, answer in operation["responses"].items()
                   if code.startswith("2")]
        schemas = [answer.get("content", {}).get("application/json", {}).get("schema")
                   for answer in answers]
        if not schemas or not all(s and _described(s, document) for s in schemas):
            missing.append(f"{method.upper()} {path}")
    assert missing == []


def test_the_check_refuses_an_answer_of_any_shape() -> None:
    document: dict[str, Any] = {"components": {"schemas": {
        "Open": {"type": "object", "additionalProperties": True},
        "Shaped": {"type": "object", "properties": {"id": {"type": "string"}}}}}}
    assert not _described({}, document)
    assert not _described({"type": "object", "additionalProperties": True}, document)
    assert not _described({"$ref": "#/components/schemas/Open"}, document)
    assert not _described({"type": "array", "items": {}}, document)
    assert _described({"$ref": "#/components/schemas/Shaped"}, document)
    assert _described({"anyOf": [{"$ref": "#/components/schemas/Shaped"}, {"type": "null"}]},
                      document)


def test_the_routes_come_from_one_router_per_topic(app: FastAPI) -> None:
    """Every operation of the application is a route of one of the topic routers (each route
    defined in its router's module), and the paths of a topic stay in its router."""
    declared: dict[tuple[str, str], str] = {}
    for name, module in vars(routes).items():
        if isinstance(module, ModuleType) and isinstance(getattr(module, "router", None),
                                                         APIRouter):
            for route in module.router.routes:
                assert isinstance(route, APIRoute)
                assert route.endpoint.__module__ == module.__name__, route.path
                for method in route.methods:
                    declared[(method.lower(), route.path)] = name
    assert set(declared.values()) >= set(TOPICS)
    served = {(method, path) for path, item in app.openapi()["paths"].items()
              for method in item if method in METHODS}
    assert served == set(declared)
    for (_method, path), topic in declared.items():
        first = path.strip("/").split("/")[0]
        if first in ("auth", "partner", "admin", "workstations", "calls"):
            assert topic == first, path
