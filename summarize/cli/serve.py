"""``summarize serve``: keep one embedded model server warm for many commands."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from summarize.cli.app import app, err
from summarize.providers.embedded import (
    EmbeddedServer,
    adapter_path,
    model_path,
    state_file,
    write_state,
)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 picks a free one).")] = 0,
    no_adapter: Annotated[bool, typer.Option("--no-adapter", help="Serve the base model.")] = False,
    n_ctx: Annotated[int, typer.Option(help="Context window in tokens.")] = 8192,
) -> None:
    """Serve the embedded model over the OpenAI protocol on loopback until Ctrl-C.

    Other summarize commands find and reuse it; any OpenAI client can use the printed URL.
    """
    lora = None if no_adapter else adapter_path()
    server = EmbeddedServer(model=model_path(), port=port, n_ctx=n_ctx, lora=lora)
    with server:
        write_state(server)
        err.print(f"serving {server.model.name}{' + ' + lora.name if lora else ''} at {server.url}")
        typer.echo(server.url)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(1.0):
                if server.process is None or server.process.poll() is not None:
                    err.print("the server process exited; see " + str(server.log_path))
                    raise typer.Exit(1)
        except KeyboardInterrupt:
            pass
        finally:
            state_file().unlink(missing_ok=True)
    err.print("stopped")
