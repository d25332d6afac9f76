"""Shared by the tests that run against a real server (bootstrap's PythonClientTest starts one)."""
import asyncio
import os
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import incident_stream_client as isc  # noqa: E402


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: start a server and set INCIDENT_STREAM_URL (ws://host:port) and "
                           "INCIDENT_STREAM_HTTP (http://host:port); bootstrap's PythonClientTest does this")
    return value.rstrip("/")


WS_URL = _env("INCIDENT_STREAM_URL") + "/ws"
HTTP_BASE = _env("INCIDENT_STREAM_HTTP")
FAST = isc.Backoff(initial_s=0.05, max_s=1.0, stable_s=2.0)


def is_open(ws) -> bool:
    """Whether a connection is open, with either websockets client (only the legacy one has `open`)."""
    return ws is not None and ws.state.name == "OPEN"


async def wait_for(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        await asyncio.sleep(0.02)


async def publish(events) -> list:
    """Publishes and returns the seqs, waiting out 503s."""
    publisher = isc.Publisher(HTTP_BASE)
    for attempt in range(50):
        try:
            return (await publisher.publish(events))["seqs"]
        except isc.ApiError as error:
            if not error.retryable:
                raise
            await asyncio.sleep(error.retry_after_s or 1)
    raise AssertionError("the server stayed overloaded")


def comment(incident_id: str, text: str) -> dict:
    return {"event_type": "comment_added", "incident_id": incident_id, "author": "test", "comment": text}


class Recorder:
    """Keeps what a client reports."""

    def __init__(self) -> None:
        self.events, self.snapshots, self.gaps, self.statuses, self.errors = [], [], [], [], []
        self.reconnects = {}

    def kwargs(self) -> dict:
        return {"on_event": self.events.append, "on_snapshot": self.snapshots.append, "on_gap": self.gaps.append,
                "on_status": self._status, "on_error": self.errors.append}

    def _status(self, status) -> None:
        self.statuses.append(status)
        if status["state"] == "reconnecting":
            self.reconnects[status["code"]] = self.reconnects.get(status["code"], 0) + 1

    def seqs(self) -> list:
        return [e["seq"] for e in self.events]


class ServerTestCase(unittest.IsolatedAsyncioTestCase):
    """unittest runs asyncio tests in debug mode, which reports every callback over 0.1 s: on a
    loaded machine that buries the failures, so only callbacks over 2 s are reported."""

    async def asyncSetUp(self) -> None:
        asyncio.get_running_loop().slow_callback_duration = 2.0
