"""A python-socketio server (aiohttp) as users run one, for the doctor's tests.

usage: python3 python_server.py PORT MODE
  MODE "default": python-socketio's defaults (only its own origin is accepted, on polling and WebSocket alike)
  MODE "cors":    cors_allowed_origins="*"
  MODE "small":   cors_allowed_origins="*" and max_http_buffer_size=1024 (a server that takes only small packets)
Prints "ready" once it listens.
"""
import asyncio
import sys

import socketio
from aiohttp import web

port = int(sys.argv[1])
mode = sys.argv[2] if len(sys.argv) > 2 else "default"
options = {}
if mode in ("cors", "small"):
    options["cors_allowed_origins"] = "*"
if mode == "small":
    options["max_http_buffer_size"] = 1024
sio = socketio.AsyncServer(async_mode="aiohttp", **options)
app = web.Application()
sio.attach(app)


@sio.event
async def connect(sid, environ, auth):
    await sio.emit("hello", {"from": "python-socketio"}, to=sid)


@sio.on("echo")
async def echo(sid, *args):
    return args


async def main():
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print("ready", flush=True)
    while True:
        await asyncio.sleep(3600)


asyncio.run(main())
