"""The central store's ASGI middleware: the request body size limit."""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.forms.records import shown

DEFAULT_MAX_BODY = 8 * 1024 * 1024  # bytes: a batch of 500 dossiers is about 1.5 MiB


class BodySizeLimit:
    """Pure ASGI middleware: a request whose body is above ``limit`` bytes is answered 413
    before it is read — at once when its Content-Length says so, else (a chunked body, or a
    Content-Length that lies) as soon as the chunks received so far pass the limit; the rest is
    never read, and the application sees the client as gone."""

    def __init__(self, app: ASGIApp, limit: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((value for name, value in scope.get("headers", ())
                         if name == b"content-length"), None)
        if declared is not None:
            size = int(declared) if declared.isdigit() and len(declared) < 20 else None
            if size is None:
                await self._answer(send, 400, "content-length: "
                                   f"{shown(declared.decode('latin-1'))} is not allowed; "
                                   "expected the size of the body in bytes")
                return
            if size > self.limit:
                await self._too_large(send)
                return
        received = 0
        answered = False

        async def limited_receive() -> Message:
            nonlocal received, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    answered = True
                    await self._too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not answered:  # the 413 went out: whatever the application says is dropped
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not answered:
                raise

    async def _too_large(self, send: Send) -> None:
        await self._answer(send, 413, f"body: more than {self.limit} bytes; expected at most "
                                      f"{self.limit} bytes (send big batches in parts)")

    @staticmethod
    async def _answer(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
