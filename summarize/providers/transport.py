"""The openai SDK's aiohttp transport, with connection failures reported as such.

The SDK's transport maps every ``aiohttp.ClientConnectionError`` (a reset, a server hanging up)
to ``httpx2.ConnectTimeout``, so the client raises ``APITimeoutError`` for a dropped connection
and error records would say "timed out". Here only real timeouts stay timeouts.
"""

from __future__ import annotations

import aiohttp
import httpx2
from openai._vendor.httpx_aiohttp import AiohttpTransport as _SdkTransport


class AiohttpTransport(_SdkTransport):
    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        try:
            return await super().handle_async_request(request)
        except httpx2.ConnectTimeout as exc:
            root = exc.__cause__
            if isinstance(root, aiohttp.ClientConnectionError) and not isinstance(
                root, TimeoutError
            ):
                raise httpx2.ConnectError(str(root), request=request) from root
            raise


__all__ = ["AiohttpTransport"]
