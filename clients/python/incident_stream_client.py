"""Python client for the incident-stream WebSocket stream and HTTP API (docs/client-guide.md).

One asyncio module on the ``websockets`` package: 10.4 (Debian's python3-websockets) or later, its
legacy client up to 12 and its new asyncio client from 13 on (the default since 14).
It does what the reference JavaScript client does: reconnects with exponential backoff and full
jitter, honours the server's ``closing`` notice, resumes each subscription from its own position
(``since``/``epoch``), falls back to a snapshot when the server cannot replay, heals ``gap``s by
resuming, and removes duplicates by (epoch, seq). Events of one subscription are delivered in seq
order; events of different subscriptions may interleave out of order while a replay runs.

Frames are the server's JSON objects as dicts (see docs/asyncapi.json); the TypedDicts below
name their fields.
"""
from __future__ import annotations

import asyncio
import json
import logging
import random
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Dict, List, Optional, TypedDict, Union

import websockets
from websockets.exceptions import InvalidHandshake

try:  # websockets 13+: the asyncio client (14 made it the default; the legacy one is deprecated)
    from websockets.asyncio.client import connect as _ws_connect
    _HEADERS = "additional_headers"
except ImportError:  # websockets 10.4 to 12: only the legacy client
    from websockets.legacy.client import connect as _ws_connect
    _HEADERS = "extra_headers"

_LOG = logging.getLogger("incident_stream_client")

__all__ = ["IncidentStreamClient", "Subscription", "Position", "Backoff", "Publisher", "ApiError",
           "EventFrame", "SnapshotPage", "GapFrame", "Status", "EVENT_TYPES"]

EVENT_TYPES = ("incident_created", "incident_updated", "incident_resolved", "incident_closed", "alert_received",
               "alert_converted", "escalated", "playbook_started", "playbook_action_executed", "playbook_completed",
               "notification_sent", "assignment_changed", "comment_added", "system_event")

# Reconnecting cannot help after these: 1002/1007/1009 a broken client, 1008 policy, 4001 no valid token.
FATAL = frozenset({1002, 1007, 1008, 1009, 4001})

# What a connection attempt may meet that a later attempt may not: the network and the handshake
# (refused, reset, timed out, 401 or 503 at the upgrade). Anything else is a bug, which retrying would hide.
_RETRIABLE = (OSError, asyncio.TimeoutError, InvalidHandshake)


class EventFrame(TypedDict):
    type: str
    message_id: str
    event: Dict[str, Any]  # tagged by event_type; see EVENT_TYPES and docs/asyncapi.json
    timestamp: str
    seq: int
    priority: str
    subscription_ids: List[str]


class SnapshotPage(TypedDict):
    type: str
    subscription_id: str
    seq: int
    incidents: List[Dict[str, Any]]
    last: bool


class GapFrame(TypedDict):
    type: str
    from_seq: int
    to_seq: int
    dropped: int
    reason: str


class Status(TypedDict, total=False):
    state: str  # connecting, open, reconnecting, stopped
    attempt: int
    session_id: str
    epoch: str
    code: int
    reason: str
    closing: Optional[Dict[str, Any]]
    delay_ms: int


@dataclass(frozen=True)
class Position:
    """Where a subscription would resume: complete up to ``since`` in stream ``epoch``."""
    since: int
    epoch: str


@dataclass(frozen=True)
class Subscription:
    """A subscription to keep; ``resume_from`` resumes from a saved position (a snapshot only if needed)."""
    id: str
    filters: Dict[str, Any] = field(default_factory=dict)
    snapshot: bool = False
    resume_from: Optional[Position] = None


@dataclass(frozen=True)
class Backoff:
    """Before attempt n, a random wait in [0, min(max, initial * 2^n)]; reset after ``stable_s`` connected."""
    initial_s: float = 0.25
    max_s: float = 30.0
    stable_s: float = 10.0


Callback = Callable[[Any], Union[None, Awaitable[None]]]


class _Sub:
    """A subscription's state: where it stands, and what is in flight."""

    def __init__(self, s: Subscription) -> None:
        resuming = s.resume_from is not None
        self.id = s.id
        self.filters = s.filters
        self.seq: Optional[int] = s.resume_from.since if resuming else None  # complete up to here...
        self.epoch: Optional[str] = s.resume_from.epoch if resuming else None  # ...in this epoch
        self.snapshot_due = s.snapshot and not resuming  # the next subscribe asks for a snapshot
        self.pending = 0  # subscribes sent and not yet answered; only the latest reply counts
        self.awaiting: Optional[int] = None  # since of the resume in flight
        self.replay_left = 0  # replayed events still to come, as announced by subscribed
        self.live_from = 0  # S of the latest subscribed
        self.held = False  # the server holds a subscription under this id, on this connection


class IncidentStreamClient:
    """A client of ``/ws`` that misses nothing. Callbacks may be plain functions or coroutines."""

    def __init__(self, url: Union[str, Callable[[], str]], *, subscriptions: List[Subscription] = (),
                 on_event: Optional[Callback] = None, on_snapshot: Optional[Callback] = None,
                 on_gap: Optional[Callback] = None, on_status: Optional[Callback] = None,
                 on_error: Optional[Callback] = None, headers: Optional[Callable[[], Dict[str, str]]] = None,
                 backoff: Backoff = Backoff(), liveness_timeout_s: Optional[float] = None,
                 connect_timeout_s: float = 15.0, dedup_window: int = 10_000) -> None:
        self._url = url
        self._headers = headers or (lambda: {})
        self._on = {"event": on_event, "snapshot": on_snapshot, "gap": on_gap, "status": on_status, "error": on_error}
        self._backoff = backoff
        self._liveness_override = liveness_timeout_s
        self._connect_timeout = connect_timeout_s
        self._dedup_window = dedup_window
        self._subs: Dict[str, _Sub] = {s.id: _Sub(s) for s in subscriptions}
        self._ws: Any = None
        self._running = False
        self._epoch: Optional[str] = None
        self._seen: set = set()
        self._max_seen = 0
        self._attempt = 0
        self._closing: Optional[Dict[str, Any]] = None
        self._session: Optional[str] = None
        self._task: Optional[asyncio.Task] = None
        self._stable: Optional[asyncio.TimerHandle] = None

    # -- public API --------------------------------------------------------------------------------

    def start(self) -> None:
        if not self._running:
            self._running = True
            self._attempt = 0
            self._task = asyncio.get_running_loop().create_task(self._run(self._task))

    async def stop(self) -> None:
        """Closes the connection (1000) and stops; positions are kept, so start() resumes.

        Also from a callback (awaited there, not in a task of its own, which would wait for the
        callback): it then returns at once, and the connection closes once the callback has
        returned. On a client already stopped (by the server's 4001, say) it does nothing."""
        task = self._task
        stopping = self._running
        self._running = False
        if task is None or task.done():
            return  # already stopped, and said so
        if task is asyncio.current_task():
            return  # a callback of ours: the task sees _running and ends by itself; awaiting it would wait forever
        ws = self._ws
        if ws is not None:
            await ws.close(1000, "client stopped")
        elif stopping:
            task.cancel()  # connecting or waiting to reconnect: nothing to close
        await asyncio.gather(task, return_exceptions=True)
        if ws is None and stopping:
            await self._emit("status", {"state": "stopped", "code": 1000, "reason": "client stopped"})

    async def subscribe(self, subscription: Subscription) -> None:
        """Adds or replaces a subscription, also while connected."""
        sub = _Sub(subscription)
        replaced = self._subs.get(sub.id)
        if replaced is not None:
            # The replies to its subscribes still to come count against this one: only the latest applies.
            sub.pending, sub.held = replaced.pending, replaced.held
        self._subs[sub.id] = sub
        if self._welcomed():
            await self._send_subscribe(sub)

    async def unsubscribe(self, subscription_id: str) -> None:
        if self._subs.pop(subscription_id, None) is not None and self._welcomed():
            await self._send({"type": "unsubscribe", "subscription_id": subscription_id})

    async def refresh(self, token: str) -> None:
        """Sends a fresh token for this session (the server answers ``refreshed``)."""
        await self._send({"type": "refresh", "token": token})

    def positions(self) -> Dict[str, Optional[Position]]:
        """Where each subscription would resume: save them and pass them back to resume after a restart."""
        return {s.id: (Position(s.seq, s.epoch) if s.seq is not None and s.epoch is not None else None)
                for s in self._subs.values()}

    @property
    def connection(self) -> Any:
        """The current websockets connection, for tests that break it."""
        return self._ws

    # -- the connection loop -----------------------------------------------------------------------

    async def _run(self, previous: Optional[asyncio.Task]) -> None:
        if previous is not None:
            # Restarted from a callback while the old task was still closing: two loops must not share state.
            await asyncio.gather(previous, return_exceptions=True)
        try:
            while self._running:
                code, reason = await self._connect_once()
                delay = await self._closed(code, reason)
                if delay is None:
                    return
                if self._running:  # stop() may have been called from the reconnecting status
                    await asyncio.sleep(delay / 1000)
            # stop() from a callback while reconnecting: the stopped status is still owed
            await self._emit("status", {"state": "stopped", "code": 1000, "reason": "client stopped"})
        except Exception as error:
            # Our bug, or a websockets we do not fit: retrying would only repeat it, silently.
            _LOG.exception("the client stopped on an unexpected error")
            self._running = False
            reason = f"client error: {type(error).__name__}: {error}"
            await self._emit("status", {"state": "stopped", "code": 1006, "reason": reason})

    async def _connect_once(self) -> tuple:
        self._closing = None
        self._session = None
        await self._emit("status", {"state": "connecting", "attempt": self._attempt})
        if not self._running:  # stop() from the status callback
            return 1000, "client stopped"
        try:
            # The application's own functions (a token that cannot be had yet, say): a failed attempt,
            # retried with backoff, as a refused connection is.
            url = self._url() if callable(self._url) else self._url
            headers = self._headers()
        except Exception as error:
            return await self._attempt_failed(f"{type(error).__name__}: {error}")
        try:
            ws = await self._open(url, headers)
        except _RETRIABLE as error:
            return await self._attempt_failed(str(error) or repr(error))
        self._ws = ws
        liveness = self._connect_timeout
        try:
            while self._running:
                try:
                    # Every frame, the server's pong heartbeat included, proves the connection alive.
                    text = await asyncio.wait_for(ws.recv(), liveness)
                except asyncio.TimeoutError:
                    # A silent peer may never finish a closing handshake: stop listening and reconnect.
                    ws.transport.abort()
                    return 1006, f"nothing received for {liveness} s"
                liveness = await self._message(ws, text) or liveness
            # stop() from a callback: close here, where nobody waits for this task
            await ws.close(1000, "client stopped")
            return 1000, "client stopped"
        except websockets.ConnectionClosed as closed:
            return (closed.rcvd.code if closed.rcvd else 1006), (closed.rcvd.reason if closed.rcvd else "connection lost")
        except _Abandon as abandon:
            ws.transport.abort()
            return 1006, str(abandon)
        finally:
            self._ws = None
            if _is_open(ws):
                # Left by an unexpected error: do not keep a connection nobody reads.
                ws.transport.abort()
            if self._stable is not None:
                self._stable.cancel()
            for sub in self._subs.values():
                sub.pending, sub.awaiting, sub.replay_left = 0, None, 0
                sub.held = False

    async def _attempt_failed(self, message: str) -> tuple:
        await self._emit("error", {"code": "CONNECT_FAILED", "message": message})
        return 1006, message

    async def _open(self, url: str, headers: Dict[str, str]) -> Any:
        """The opening handshake, given up after connect_timeout_s. websockets' own timeout would not do:
        10.4 then waits its close_timeout (10 s) more for the half-open connection to close."""
        attempt = asyncio.ensure_future(_ws_connect(
            url, **{_HEADERS: headers}, open_timeout=None, ping_interval=None, max_size=None,
            max_queue=64, compression="deflate"))
        done: set = set()
        try:
            done, _ = await asyncio.wait({attempt}, timeout=self._connect_timeout)
        finally:
            if not attempt.done():  # timed out, or stop() cancelled us
                attempt.cancel()  # websockets closes the half-open connection in the background
                attempt.add_done_callback(_retrieve)
        if not done:
            raise asyncio.TimeoutError(f"no answer within {self._connect_timeout:g} s")
        return attempt.result()

    async def _closed(self, code: int, reason: str) -> Optional[float]:
        """Decides what follows a closed connection: the delay before the next attempt, or None to stop."""
        closing = self._closing
        if not self._running:
            code, reason = 1000, "client stopped"  # the application's stop(), whatever the server answered
        # The close frame may be lost (1006) after the server said why it was closing: trust the notice.
        elif closing and closing.get("code") is not None:
            code = closing["code"]
        if not self._running or code in FATAL or (closing is not None and closing.get("reconnect") is False):
            self._running = False
            await self._emit("status", {"state": "stopped", "code": code, "reason": reason, "closing": closing})
            return None
        if code == 4029:
            self._attempt += 2  # we were too chatty: wait markedly longer
        # Exponential backoff with full jitter: spreads many clients over the whole window.
        ceiling = min(self._backoff.max_s, self._backoff.initial_s * 2 ** self._attempt) * 1000
        self._attempt += 1
        delay = random.random() * ceiling
        # The server randomises retry_after_ms per session, so honouring it spreads a restart's reconnects.
        if closing and closing.get("retry_after_ms") is not None:
            delay = max(delay, closing["retry_after_ms"])
        await self._emit("status", {"state": "reconnecting", "code": code, "reason": reason, "closing": closing,
                                    "delay_ms": round(delay), "attempt": self._attempt})
        return delay

    # -- messages ----------------------------------------------------------------------------------

    async def _message(self, ws: Any, text: Any) -> Optional[float]:
        try:
            m = json.loads(text)
        except (TypeError, ValueError):
            await self._emit("error", {"code": "BAD_FRAME", "message": str(text)})
            return None
        kind = m.get("type")
        if kind == "welcome":
            return await self._welcome(m)
        if kind == "subscribed":
            self._subscribed(m)
        elif kind == "event":
            await self._event(m)
        elif kind == "snapshot":
            await self._snapshot(m)
        elif kind == "gap":
            await self._gap(m)
        elif kind == "closing":
            self._closing = m
        elif kind == "error":
            await self._error(m)
        # pong, unsubscribed, refreshed, and types added later need nothing
        return None

    async def _welcome(self, m: Dict[str, Any]) -> float:
        if m.get("epoch") != self._epoch:  # a new stream: seqs restart, nothing of the old one can repeat
            self._epoch = m.get("epoch")
            self._seen.clear()
            self._max_seen = 0
        self._session = m.get("session_id")
        # Reset the backoff only once a connection has lasted: a server that accepts and drops at once
        # must not be hammered in a tight loop.
        self._stable = asyncio.get_running_loop().call_later(self._backoff.stable_s, self._reset_attempts)
        await self._emit("status", {"state": "open", "session_id": self._session, "epoch": self._epoch,
                                    "seq": m.get("seq")})
        for sub in list(self._subs.values()):
            await self._send_subscribe(sub)
        if self._liveness_override is not None:
            return self._liveness_override
        return 2 * (m.get("heartbeat_interval_secs") or 30) + 10

    def _reset_attempts(self) -> None:
        self._attempt = 0

    async def _send_subscribe(self, sub: _Sub) -> None:
        msg: Dict[str, Any] = {"type": "subscribe", "subscription_id": sub.id, "filters": sub.filters}
        if not sub.snapshot_due and sub.seq is not None and sub.epoch is not None:
            # Resume. With since, the server sends the snapshot only if it cannot replay (recovered: false).
            msg.update(since=sub.seq, epoch=sub.epoch, snapshot=True)
            sub.awaiting = sub.seq
        else:
            msg["snapshot"] = sub.snapshot_due  # first start, or an earlier snapshot never finished
            sub.awaiting = None
        sub.pending += 1
        await self._send(msg)

    def _subscribed(self, m: Dict[str, Any]) -> None:
        sub = self._subs.get(m.get("subscription_id"))
        # Replies to superseded subscribes change nothing: only the latest one says where we stand.
        if sub is None:
            return
        sub.held = True  # whichever subscribe this answers, the server holds one under this id now
        sub.pending -= 1
        if sub.pending > 0:
            return
        sub.awaiting = None
        if m.get("recovered") is False:
            sub.snapshot_due = True  # the server sends one: we asked with snapshot: true
        sub.replay_left = (m.get("replayed") or 0) if m.get("recovered") else 0
        sub.live_from = m["seq"]
        # Nothing owed before S: the subscription is complete up to S, so resume from there next time.
        if not sub.snapshot_due and sub.replay_left == 0:
            self._advance(sub, m["seq"])

    async def _snapshot(self, m: Dict[str, Any]) -> None:
        await self._emit("snapshot", m)
        sub = self._subs.get(m.get("subscription_id"))
        if m.get("last") and sub is not None and sub.pending == 0:
            sub.snapshot_due = False  # only a complete snapshot counts: a cut-off one is asked for again
            self._advance(sub, m["seq"])

    async def _event(self, m: Dict[str, Any]) -> None:
        seq = m["seq"]
        ids = m.get("subscription_ids") or []
        subs = [self._subs[i] for i in ids if i in self._subs]
        # A replay frame (one subscription, still owed replayed events) is older than the live stream.
        if len(subs) == len(ids) and not any(s.replay_left > 0 for s in subs):
            self._passed_live(seq)
        # After a gap every subscription resumed from before it. Until the server confirms, frames still in
        # flight would be replayed anyway; skipping them keeps each subscription in seq order.
        if subs and all(s.awaiting is not None and seq > s.awaiting for s in subs):
            return
        for sub in subs:
            if sub.pending > 0 or sub.snapshot_due:
                continue
            self._advance(sub, seq)
            if sub.replay_left > 0:
                sub.replay_left -= 1
                if sub.replay_left == 0:
                    self._advance(sub, sub.live_from)
        # A replay for one subscription may repeat what another already delivered.
        if seq in self._seen:
            return
        self._seen.add(seq)
        if seq > self._max_seen:
            self._max_seen = seq
            if len(self._seen) > 2 * self._dedup_window:
                # Nothing this far back can be replayed again: the server no longer retains it.
                floor = self._max_seen - self._dedup_window
                self._seen = {s for s in self._seen if s > floor}
        await self._emit("event", m)

    def _passed_live(self, seq: int) -> None:
        # Live events reach a session in seq order, so a settled subscription has had everything up to a
        # live event's seq, even if none of it matched. Not so for a replay, nor another subscription's S.
        for sub in self._subs.values():
            if self._settled(sub):
                self._advance(sub, seq)

    @staticmethod
    def _settled(sub: _Sub) -> bool:
        return sub.pending == 0 and sub.replay_left == 0 and not sub.snapshot_due and sub.seq is not None

    async def _gap(self, m: Dict[str, Any]) -> None:
        await self._emit("gap", m)
        # The session lost events in [from_seq, to_seq]; everything before from_seq arrived. Resuming every
        # subscription from there replays exactly what is missing (a resubscribe replaces the old one).
        for sub in list(self._subs.values()):
            if sub.seq is None or sub.epoch != self._epoch or sub.snapshot_due:
                continue  # its own subscribe is still due
            # A gap before the reply to our resume lies before that resume's S: its replay covers it.
            if sub.awaiting is not None and sub.awaiting < m["from_seq"]:
                continue
            # A settled subscription has everything before from_seq; one still catching up may not.
            sub.seq = m["from_seq"] - 1 if self._settled(sub) else min(sub.seq, m["from_seq"] - 1)
            await self._send_subscribe(sub)

    async def _error(self, m: Dict[str, Any]) -> None:
        await self._emit("error", m)
        # These refuse a subscribe (and name it): no subscribed will come for it. Counted against the
        # id's current subscription (the callback may have replaced it), which inherits the count.
        if m.get("code") in ("SUBSCRIPTION_LIMIT", "FORBIDDEN", "INVALID_MESSAGE"):
            sub = self._subs.get(m.get("subscription_id"))
            if sub is not None and sub.pending > 0:
                sub.pending -= 1
                if sub.pending == 0:
                    sub.awaiting = None
                    if m["code"] == "INVALID_MESSAGE":
                        await self._forget(sub)  # the latest subscribe for this id was the refused one
        # The server drops messages over its rate without saying which; a lost subscribe would leave a
        # subscription waiting forever, so start again from known positions.
        if m.get("code") == "RATE_LIMITED" and any(s.pending > 0 for s in self._subs.values()):
            raise _Abandon("a subscribe was rate limited")

    async def _forget(self, sub: _Sub) -> None:
        """A subscribe the server could not read (a bad filter value): sent again on every reconnect it
        would be refused again, so it is forgotten (on_error has said so), and a subscription the server
        still holds under its id (the one it was to replace) goes with it."""
        del self._subs[sub.id]
        if sub.held:
            await self._send({"type": "unsubscribe", "subscription_id": sub.id})

    def _advance(self, sub: _Sub, seq: int) -> None:
        if sub.epoch != self._epoch or sub.seq is None or seq > sub.seq:
            sub.seq = seq
        sub.epoch = self._epoch

    async def _send(self, msg: Dict[str, Any]) -> None:
        ws = self._ws
        if ws is not None and _is_open(ws):
            try:
                await ws.send(json.dumps(msg))
            except websockets.ConnectionClosed:
                pass  # the receive loop sees the close and reconnects

    def _welcomed(self) -> bool:
        return self._ws is not None and _is_open(self._ws) and self._session is not None

    async def _emit(self, kind: str, value: Any) -> None:
        callback = self._on.get(kind)
        if callback is None:
            return
        try:
            result = callback(value)
            if asyncio.iscoroutine(result):
                await result
        except asyncio.CancelledError:
            raise
        except Exception:
            # The application's error, not the stream's: logged, and the stream carries on (the
            # event counts as delivered). Letting it end the connection task would leave the socket
            # open, answering pings for a reader that is gone.
            _LOG.exception("the %s callback raised; the stream carries on", kind)


def _is_open(ws: Any) -> bool:
    # Both websockets clients have `state` (an enum with OPEN); only the legacy one has `open`.
    return ws.state.name == "OPEN"


def _retrieve(task: asyncio.Future) -> None:
    # An abandoned attempt's outcome interests nobody, but unretrieved it would be logged as an error.
    if not task.cancelled():
        task.exception()


class _Abandon(Exception):
    """Give up on the current connection and reconnect from known positions."""


class ApiError(Exception):
    """The HTTP API refused a request: ``status`` and the envelope's ``code`` (see docs/openapi.json)."""

    def __init__(self, status: int, code: str, message: str, details: Optional[Dict[str, Any]] = None,
                 retry_after_s: Optional[int] = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.retry_after_s = retry_after_s

    @property
    def retryable(self) -> bool:
        """503: the same request may succeed after ``retry_after_s``."""
        return self.status == 503


class Publisher:
    """The HTTP API for publishers (API key as ``Authorization: Bearer``); blocking calls run in a thread."""

    def __init__(self, base: str, credential: Optional[str] = None, timeout_s: float = 30.0) -> None:
        self._base = base.rstrip("/")
        self._credential = credential
        self._timeout = timeout_s

    async def publish(self, events: Union[Dict[str, Any], List[Dict[str, Any]]]) -> Dict[str, Any]:
        """One event or a batch (all or nothing): ``{"accepted", "message_ids", "seqs"}``."""
        return await self._call("POST", "/api/v1/events", events)

    async def create_incident(self, incident: Dict[str, Any]) -> Dict[str, Any]:
        """Publishes incident_created; returns the incident as stored."""
        return await self._call("POST", "/api/v1/incidents", incident)

    async def publish_alert(self, alert: Dict[str, Any]) -> Dict[str, Any]:
        return await self._call("POST", "/api/v1/alerts", alert)

    async def incidents(self, **query: Union[str, List[str]]) -> List[Dict[str, Any]]:
        """``severity``, ``state``, ``source``, ``label`` ("k:v"); lists repeat the parameter."""
        pairs = [(k, v) for k, vs in query.items() for v in (vs if isinstance(vs, list) else [vs])]
        suffix = "?" + urllib.parse.urlencode(pairs) if pairs else ""
        return (await self._call("GET", "/api/v1/incidents" + suffix))["incidents"]

    async def incident(self, incident_id: str) -> Optional[Dict[str, Any]]:
        try:
            return await self._call("GET", "/api/v1/incidents/" + urllib.parse.quote(incident_id, safe=""))
        except ApiError as error:
            if error.status == 404:
                return None
            raise

    async def _call(self, method: str, path: str, body: Any = None) -> Any:
        return await asyncio.to_thread(self._blocking, method, path, body)

    def _blocking(self, method: str, path: str, body: Any) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self._base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self._credential:
            request.add_header("Authorization", f"Bearer {self._credential}")
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            retry = error.headers.get("Retry-After")
            try:
                envelope = json.loads(text)["error"]
            except (ValueError, KeyError, TypeError):
                raise ApiError(error.code, "UNEXPECTED_RESPONSE", text, None, int(retry) if retry else None) from None
            raise ApiError(error.code, envelope.get("code"), envelope.get("message"), envelope.get("details"),
                           int(retry) if retry else None) from None
