"""Filters, typed refusals, resume from saved positions, the snapshot fallback and healed gaps."""
import asyncio
import base64
import os
import unittest
import uuid

from tests.harness import ServerTestCase, FAST, HTTP_BASE, WS_URL, Recorder, comment, isc, publish, wait_for


class StreamTest(ServerTestCase):

    async def test_filters_select_and_every_event_type_arrives(self):
        everything, urgent = Recorder(), Recorder()
        a = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("all")], backoff=FAST, **everything.kwargs())
        b = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("p0", {"severities": ["P0"]})],
                                     backoff=FAST, **urgent.kwargs())
        a.start()
        b.start()
        try:
            await wait_for(lambda: a.positions()["all"] and b.positions()["p0"], 10, "both subscribed")
            publisher = isc.Publisher(HTTP_BASE)
            incident = await publisher.create_incident({"severity": "P1", "source": "prometheus", "title": "checkout"})
            self.assertEqual("Detected", incident["state"])
            alert = await publisher.publish_alert({"severity": "P2", "source": "grafana", "title": "disk"})
            iid, playbook = incident["id"], str(uuid.uuid4())
            await publish([
                {"event_type": "incident_updated", "incident": dict(incident, state="Investigating"), "previous_state": "Detected"},
                {"event_type": "alert_converted", "alert": alert, "incident_id": iid},
                {"event_type": "escalated", "incident_id": iid, "from_severity": "P1", "to_severity": "P0", "reason": "r"},
                {"event_type": "playbook_started", "incident_id": iid, "playbook_id": playbook, "playbook_name": "p"},
                {"event_type": "playbook_action_executed", "incident_id": iid, "playbook_id": playbook, "action_name": "a",
                 "success": True, "message": ""},
                {"event_type": "playbook_completed", "incident_id": iid, "playbook_id": playbook, "success": True,
                 "actions_executed": 1},
                {"event_type": "notification_sent", "incident_id": iid, "channel": "slack", "success": True},
                {"event_type": "assignment_changed", "incident_id": iid, "assignees": ["alice"]},
                comment(iid, "rolling back"),
                {"event_type": "system_event", "category": "maintenance", "message": "m", "metadata": {"node": "db-2"}},
                {"event_type": "incident_resolved", "incident": dict(incident, state="Resolved")},
                {"event_type": "incident_closed", "incident": dict(incident, state="Closed")}])
            await wait_for(lambda: len(everything.events) >= 14, 10, "every event")
            self.assertEqual(set(isc.EVENT_TYPES), {e["event"]["event_type"] for e in everything.events})
            self.assertEqual(alert, everything.events[1]["event"]["alert"])
            await wait_for(lambda: any(e["event"]["event_type"] == "incident_resolved" for e in urgent.events), 10,
                           "the P0 subscriber's events")
            self.assertEqual("escalated", urgent.events[0]["event"]["event_type"])
            self.assertFalse(any(e["event"]["event_type"] == "system_event" for e in urgent.events))
        finally:
            await a.stop()
            await b.stop()

    async def test_refusals_are_typed_errors(self):
        publisher = isc.Publisher(HTTP_BASE)
        with self.assertRaises(isc.ApiError) as refused:
            await publisher.create_incident({"severity": "P1", "source": "prometheus"})
        self.assertEqual((400, "INVALID_INCIDENT", {"field": "title"}),
                         (refused.exception.status, refused.exception.code, refused.exception.details))
        self.assertIn("missing required field 'title'", refused.exception.message)
        self.assertIsNone(await publisher.incident(str(uuid.uuid4())))
        with self.assertRaises(isc.ApiError) as bad_id:
            await publisher.incident("abc")
        self.assertEqual(("INVALID_PARAMETER", False), (bad_id.exception.code, bad_id.exception.retryable))

    async def test_a_subscribe_the_server_cannot_read_is_reported_and_forgotten(self):
        recorder = Recorder()
        client = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("ok", {"severities": ["P0"]})],
                                          backoff=FAST, **recorder.kwargs())
        client.start()
        try:
            await wait_for(lambda: client.positions()["ok"], 10, "subscribed")
            await client.subscribe(isc.Subscription("bad", {"severities": ["P9"]}))
            await wait_for(lambda: recorder.errors, 10, "the refusal")
            self.assertEqual(("INVALID_MESSAGE", "bad"),
                             (recorder.errors[0]["code"], recorder.errors[0]["subscription_id"]))
            self.assertEqual(["ok"], list(client.positions()), "not kept, so not sent again on reconnect")

            # Replacing a live subscription with one the server cannot read: both go, on both sides.
            await client.subscribe(isc.Subscription("ok", {"severities": ["P9"]}))
            await wait_for(lambda: len(recorder.errors) == 2, 10, "the second refusal")
            self.assertEqual({}, client.positions())
            await publish([{"event_type": "incident_created", "incident": {
                "id": str(uuid.uuid4()), "severity": "P0", "source": "test", "title": "for no one"}}])
            await client.subscribe(isc.Subscription("marker", {"severities": ["P1"]}))
            await wait_for(lambda: client.positions().get("marker"), 10, "the marker subscribed")
            await publish([{"event_type": "incident_created", "incident": {
                "id": str(uuid.uuid4()), "severity": "P1", "source": "test", "title": "marker"}}])
            await wait_for(lambda: recorder.events, 10, "the marker event")
            self.assertEqual([["marker"]], [e["subscription_ids"] for e in recorder.events],
                             "the old 'ok' was unsubscribed, and no NOT_FOUND came back")
            self.assertEqual(2, len(recorder.errors))
        finally:
            await client.stop()

    async def test_a_subscribe_fixed_from_the_error_callback_is_kept(self):
        errors = []
        client = None

        async def fix(error):
            errors.append(error)
            await client.subscribe(isc.Subscription("mine", {"severities": ["P0"]}))

        client = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("mine", {"severities": ["P7"]})],
                                          backoff=FAST, on_error=fix)
        client.start()
        try:
            await wait_for(lambda: client.positions().get("mine"), 10, "the fixed subscription confirmed")
            self.assertEqual(["INVALID_MESSAGE"], [e["code"] for e in errors])
        finally:
            await client.stop()

    async def test_a_callback_that_raises_is_logged_and_the_stream_carries_on(self):
        incident = str(uuid.uuid4())
        seen = []

        def on_event(frame):
            seen.append(frame["seq"])
            if len(seen) == 1:
                raise ValueError("the application's own bug")

        client = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("mine", {"incident_ids": [incident]})],
                                          backoff=FAST, on_event=on_event)
        client.start()
        try:
            await wait_for(lambda: client.positions()["mine"], 10, "subscribed")
            with self.assertLogs("incident_stream_client", level="ERROR") as logged:
                seqs = await publish([comment(incident, f"c{i}") for i in range(3)])
                await wait_for(lambda: len(seen) == 3, 10, "every event, the one whose callback raised included")
            self.assertEqual(seqs, seen)
            self.assertIn("the event callback raised", logged.output[0])
            self.assertIsNotNone(client.connection, "still connected")
        finally:
            await client.stop()
        self.assertIsNone(client.connection)

    async def test_a_restarted_client_resumes_from_its_saved_position(self):
        incident = str(uuid.uuid4())
        subscription = isc.Subscription("mine", {"incident_ids": [incident]})
        first = Recorder()
        client = isc.IncidentStreamClient(WS_URL, subscriptions=[subscription], backoff=FAST, **first.kwargs())
        client.start()
        await wait_for(lambda: client.positions()["mine"], 10, "subscribed")
        before = await publish([comment(incident, f"c{i}") for i in range(10)])
        await wait_for(lambda: len(first.events) == 10, 10, "the first ten")
        self.assertEqual(before, first.seqs())
        saved = client.positions()["mine"]
        await client.stop()

        missed = await publish([comment(incident, f"m{i}") for i in range(10)])
        await publish([comment(str(uuid.uuid4()), "not ours")])
        second = Recorder()
        resumed = isc.IncidentStreamClient(WS_URL, backoff=FAST, subscriptions=[
            isc.Subscription("mine", subscription.filters, snapshot=True, resume_from=saved)], **second.kwargs())
        resumed.start()
        try:
            await wait_for(lambda: len(second.events) == 10, 10, "the replay")
            live = await publish([comment(incident, f"l{i}") for i in range(5)])
            await wait_for(lambda: len(second.events) == 15, 10, "the live events")
            self.assertEqual(missed + live, second.seqs())
            self.assertEqual([], second.snapshots, "no snapshot when the replay recovered everything")
        finally:
            await resumed.stop()

    async def test_a_position_of_another_epoch_brings_a_snapshot(self):
        publisher = isc.Publisher(HTTP_BASE)
        source = f"src-{uuid.uuid4()}"
        incident = await publisher.create_incident({"severity": "P3", "source": source, "title": "t"})
        recorder = Recorder()
        client = isc.IncidentStreamClient(WS_URL, backoff=FAST, subscriptions=[isc.Subscription(
            "src", {"sources": [source]}, resume_from=isc.Position(1, "not-the-current-epoch"))], **recorder.kwargs())
        client.start()
        try:
            await wait_for(lambda: any(p["last"] for p in recorder.snapshots), 10, "the snapshot")
            self.assertEqual([incident["id"]], [i["id"] for p in recorder.snapshots for i in p["incidents"]])
            await wait_for(lambda: client.positions()["src"].epoch != "not-the-current-epoch", 10, "a new position")
            seqs = await publish([{"event_type": "escalated", "incident_id": incident["id"], "from_severity": "P3",
                                   "to_severity": "P2"}])
            await wait_for(lambda: recorder.seqs() == seqs, 10, "the live event")
        finally:
            await client.stop()

    async def test_gaps_from_a_stalled_reader_are_healed(self):
        recorder = Recorder()
        client = isc.IncidentStreamClient(WS_URL, subscriptions=[isc.Subscription("load", {"sources": ["load"]})],
                                          backoff=FAST, **recorder.kwargs())
        client.start()
        try:
            await wait_for(lambda: client.positions()["load"], 10, "subscribed")
            published = []
            # Random padding: the client negotiates permessage-deflate, which would shrink repeated text to
            # almost nothing and let every byte fit in the TCP buffers.
            def padding():
                return base64.b64encode(os.urandom(3000)).decode()
            for attempt in range(3):
                if recorder.gaps:
                    break
                # Stop reading, publish about 10 MB (more than TCP buffers hold), then read again.
                connection = client.connection
                connection.transport.pause_reading()
                for _ in range(25):
                    published += await publish([{"event_type": "alert_received", "priority": "low", "alert": {
                        "severity": "P4", "source": "load", "title": "t", "description": padding()}} for _ in range(100)])
                connection.transport.resume_reading()
                await wait_for(lambda: recorder.gaps or len(recorder.events) >= len(published), 30,
                               "a gap, or every event")
            self.assertTrue(recorder.gaps, "gaps")
            await wait_for(lambda: len(recorder.events) >= len(published), 60, "every event")
            self.assertEqual(published, recorder.seqs())
        finally:
            await client.stop()


if __name__ == "__main__":
    unittest.main()
