"""``summarize serve``: keep one embedded model server warm for many commands."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from summarize.cli.app import app, err
from summarize.providers import DEFAULT_PROMPTS, embedded_model_for
from summarize.providers.embedded import (
    EmbeddedServer,
    adapter_path,
    model_path,
    state_file,
    write_state,
)
from summarize.providers.models import get_model


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0 picks a free one).")] = 0,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Embedded model (see 'summarize models'); default: the "
            "one the default prompt is written for.",
        ),
    ] = None,
    no_adapter: Annotated[bool, typer.Option("--no-adapter", help="Serve the base model.")] = False,
    n_ctx: Annotated[int, typer.Option(help="Context window in tokens.")] = 8192,
) -> None:
    """Serve the embedded model over the OpenAI protocol on loopback until Ctrl-C.

    Other summarize commands find and reuse it; any OpenAI client can use the printed URL.
    """
    alias = model or embedded_model_for(DEFAULT_PROMPTS["local"])
    lora = None if no_adapter or get_model(alias).instruct else adapter_path()
    server = EmbeddedServer(model=model_path(alias), alias=alias, port=port, n_ctx=n_ctx, lora=lora)
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
