"""Starting and stopping: stop() from a callback, a second stop(), the connect timeout, errors that
retrying cannot cure, and the README example. Fake servers stand in where the real one cannot be
made to misbehave on demand (silence during the handshake, a 4001 close)."""
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import unittest
import uuid
from pathlib import Path

import websockets

from tests.harness import ServerTestCase, FAST, HTTP_BASE, WS_URL, Recorder, comment, isc, publish, wait_for

README = Path(__file__).resolve().parent.parent / "README.md"


def refused_url() -> str:
    """A URL whose port nobody listens on: bound by us, then freed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"ws://127.0.0.1:{port}/ws"


def stopped(recorder: Recorder) -> list:
    return [s for s in recorder.statuses if s["state"] == "stopped"]


async def stop(client: isc.IncidentStreamClient) -> None:
    """stop(), bounded: a stop() that hangs is what some of these tests look for."""
    await asyncio.wait_for(client.stop(), 10)


class LifecycleTest(ServerTestCase):

    async def test_stop_from_an_event_callback_returns_and_nothing_follows(self):
        incident = str(uuid.uuid4())
        recorder = Recorder()
        returned = []

        async def on_event(frame):
            recorder.events.append(frame)
            await client.stop()  # used to wait for the task running this very callback: forever
            returned.append(frame["seq"])

        client = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("mine", {"incident_ids": [incident]})],
                                          backoff=FAST, **dict(recorder.kwargs(), on_event=on_event))
        client.start()
        try:
            await wait_for(lambda: client.positions()["mine"], 10, "subscribed")
            seqs = await publish([comment(incident, "first"), comment(incident, "second")])
            await wait_for(lambda: returned, 10, "stop() to return inside the callback")
            await wait_for(lambda: stopped(recorder), 10, "the stopped status")
            self.assertEqual(seqs[:1], returned)
            self.assertIsNone(client.connection)
            await stop(client)  # the application's own stop afterwards: nothing more to do or say
            self.assertEqual([seqs[0]], recorder.seqs(), "nothing delivered after stop()")
            self.assertEqual([(1000, "client stopped")], [(s["code"], s["reason"]) for s in stopped(recorder)])
        finally:
            await stop(client)

    async def test_stop_from_the_error_callback_of_a_failed_attempt_ends_the_client(self):
        recorder = Recorder()

        async def on_error(error):
            recorder.errors.append(error)
            await client.stop()  # awaited here directly: this runs in the client's own task

        client = isc.IncidentStreamClient(refused_url(), backoff=FAST, **dict(recorder.kwargs(), on_error=on_error))
        client.start()
        try:
            await wait_for(lambda: stopped(recorder), 10, "the stopped status")
            await stop(client)
            self.assertEqual(["CONNECT_FAILED"], [e["code"] for e in recorder.errors])
            self.assertEqual(["connecting", "stopped"], [s["state"] for s in recorder.statuses], "no reconnect")
            self.assertEqual(1000, stopped(recorder)[0]["code"])
        finally:
            await stop(client)

    async def test_a_stop_after_a_fatal_close_reports_nothing_new(self):
        async def token_expired(ws, *_):
            await ws.send(json.dumps({"type": "welcome", "session_id": "s1", "epoch": "E1", "seq": 0,
                                      "heartbeat_interval_secs": 30}))
            await ws.recv()  # the subscribe
            await ws.close(4001, "token expired")

        recorder = Recorder()
        async with websockets.serve(token_expired, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            client = isc.IncidentStreamClient(f"ws://127.0.0.1:{port}/ws", subscriptions=[isc.Subscription("a")],
                                              backoff=FAST, **recorder.kwargs())
            client.start()
            try:
                await wait_for(lambda: stopped(recorder), 10, "the stopped status")
            finally:
                await stop(client)
                await stop(client)
        self.assertEqual([(4001, "token expired")], [(s["code"], s["reason"]) for s in stopped(recorder)])
        self.assertEqual("stopped", recorder.statuses[-1]["state"], "the 4001 stays the last word")

    async def test_the_connect_timeout_holds_and_says_why(self):
        held = []  # accepted connections that never get an answer
        server = await asyncio.start_server(lambda reader, writer: held.append(writer), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        recorder = Recorder()
        client = isc.IncidentStreamClient(f"ws://127.0.0.1:{port}/ws", backoff=FAST, connect_timeout_s=0.5,
                                          **recorder.kwargs())
        started = time.monotonic()
        client.start()
        try:
            # websockets 10.4 adds its close_timeout (10 s) to a cancelled handshake: this waits far less.
            await wait_for(lambda: recorder.errors, 5, "the failed attempt")
            elapsed = time.monotonic() - started
            self.assertEqual({"code": "CONNECT_FAILED", "message": "no answer within 0.5 s"}, recorder.errors[0])
            self.assertLess(elapsed, 3.0, "given up after connect_timeout_s, not 10 s later")
            self.assertGreaterEqual(elapsed, 0.5)
        finally:
            await stop(client)
            for writer in held:
                writer.close()
            server.close()
            await server.wait_closed()

    async def test_an_error_that_retrying_cannot_cure_stops_the_client(self):
        # As with a websockets whose connect() takes other arguments than this client passes.
        def incompatible_connect(*args, **kwargs):
            raise TypeError("connect() got an unexpected keyword argument 'extra_headers'")

        recorder = Recorder()
        client = isc.IncidentStreamClient(WS_URL, backoff=FAST, **recorder.kwargs())
        saved, isc._ws_connect = isc._ws_connect, incompatible_connect
        try:
            with self.assertLogs("incident_stream_client", level="ERROR") as logged:
                client.start()
                try:
                    await wait_for(lambda: stopped(recorder), 10, "the stopped status (not endless retries)")
                finally:
                    await stop(client)
        finally:
            isc._ws_connect = saved
        self.assertEqual([], [s for s in recorder.statuses if s["state"] == "reconnecting"])
        self.assertIn("TypeError: connect() got an unexpected keyword argument", stopped(recorder)[0]["reason"])
        self.assertIn("unexpected keyword argument", "\n".join(logged.output))

    async def test_a_headers_function_that_raises_is_a_failed_attempt_retried_like_a_refused_connection(self):
        attempts = []

        def headers():
            attempts.append(1)
            if len(attempts) == 1:
                raise RuntimeError("no credential yet")
            return {}

        recorder = Recorder()
        client = isc.IncidentStreamClient(WS_URL, headers=headers, backoff=FAST, **recorder.kwargs())
        client.start()
        try:
            await wait_for(lambda: any(s["state"] == "open" for s in recorder.statuses), 10, "open on a later attempt")
        finally:
            await stop(client)
        self.assertEqual([{"code": "CONNECT_FAILED", "message": "RuntimeError: no credential yet"}], recorder.errors)

    async def test_a_failed_attempt_is_retried(self):
        recorder = Recorder()
        client = isc.IncidentStreamClient(refused_url(), backoff=FAST, **recorder.kwargs())
        client.start()
        try:
            await wait_for(lambda: len(recorder.errors) >= 2, 10, "two failed attempts")
        finally:
            await stop(client)
        self.assertEqual({"CONNECT_FAILED"}, {e["code"] for e in recorder.errors})
        self.assertTrue(all(e["message"] for e in recorder.errors), "each says why")
        self.assertEqual([(1000, "client stopped")], [(s["code"], s["reason"]) for s in stopped(recorder)])

    async def test_the_readme_example_shows_a_new_incident_as_an_event(self):
        code = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
        code = code.replace("ws://127.0.0.1:8080", WS_URL.rsplit("/ws", 1)[0]).replace("http://127.0.0.1:8080", HTTP_BASE)
        example = await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, cwd=README.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=dict(os.environ, PYTHONPATH=str(README.parent)))
        try:
            output = (await asyncio.wait_for(example.communicate(), 30))[0].decode()
        finally:
            if example.returncode is None:
                example.kill()
                await example.wait()
        self.assertEqual(0, example.returncode, output)
        self.assertRegex(output, r"(?m)^\d+ incident_created$", "the new incident arrives as an event:\n" + output)


if __name__ == "__main__":
    unittest.main()
