"""A stand-in for the llama.cpp server process: ``python standin_server.py PORT BEHAVIOUR_FILE``.

It answers ``GET /v1/models`` like llama-cpp-python's server, and each chat completion as the
behaviour file says at that moment: ``ok`` (a fake, schema-valid answer), ``500``, ``crash``
(the process kills itself with SIGSEGV, like the AMX bug) or ``crash-once`` (crash the first
time, then ``ok``: the file is rewritten before dying).
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import sys
from pathlib import Path

from summarize.testing.faultserver import fake_summary, request_key


class Handler(http.server.BaseHTTPRequestHandler):
    behaviour: Path

    def do_GET(self) -> None:
        self._send(200 if self.path == "/v1/models" else 404, {"data": []})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        what = self.behaviour.read_text().strip()
        if what == "crash-once":
            self.behaviour.write_text("ok")
            what = "crash"
        if what == "crash":
            os.kill(os.getpid(), signal.SIGSEGV)
        if what == "500":
            self._send(500, {"error": {"message": "llama_decode failed"}})
            return
        content = json.dumps(fake_summary(request_key(body), body))
        message = {"role": "assistant", "content": content}
        usage = {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}
        choice = {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
        self._send(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                         "choices": [choice], "usage": usage})  # fmt: skip

    def _send(self, status: int, data: object) -> None:
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


if __name__ == "__main__":
    Handler.behaviour = Path(sys.argv[2])
    http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
