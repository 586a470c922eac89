#!/usr/bin/env python3
"""Subscribes to MusicEvents' events and prints each as one JSON line, the way a non-.NET service would.

    python3 subscribe_events.py --amqp amqp://guest:guest@127.0.0.1:5672/ [--correlation-id ID] [--until TrackStored]

Needs pika (Debian: apt-get install python3-pika). Binds a queue of its own to every event exchange
(MusicEvents declares them when it starts, so this works before the first event is published),
prints "ready" once bound, then one line per event: {"type": "TrackStored", "message": {...}}.
With --until it exits 0 after that event for the correlation id, or 1 after --timeout seconds.
"""
import argparse
import json
import os
import sys
import time

import pika

EVENTS = ("TrackSubmitted", "TrackCompleted", "TrackFailed", "TrackStored")
NAMESPACE = "MusicEvents.Contracts"


def event_of(body: bytes):
    """MassTransit's envelope: the event is under "message", its type in "messageType" as a URN."""
    envelope = json.loads(body)
    urn = next(t for t in envelope["messageType"] if t.startswith(f"urn:message:{NAMESPACE}:"))
    return urn.rsplit(":", 1)[1], envelope["message"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--amqp", default=os.environ.get("ConnectionStrings__RabbitMq"),
                        help="amqp://user:password@host:port/vhost (default: $ConnectionStrings__RabbitMq)")
    parser.add_argument("--queue", default="",
                        help="a durable queue name of your service; default: a temporary queue, gone when this stops")
    parser.add_argument("--correlation-id", help="print only this task's events")
    parser.add_argument("--until", choices=EVENTS, help="exit once this event arrives (for --correlation-id)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for --until")
    args = parser.parse_args()
    if not args.amqp:
        parser.error("--amqp (or $ConnectionStrings__RabbitMq) is required")

    connection = pika.BlockingConnection(pika.URLParameters(args.amqp))
    channel = connection.channel()
    if args.queue:
        queue = channel.queue_declare(queue=args.queue, durable=True).method.queue
    else:
        queue = channel.queue_declare(queue="", exclusive=True, auto_delete=True).method.queue
    for name in EVENTS:
        # Fanout exchanges named after the message's full name; binding fails with NOT_FOUND
        # only if MusicEvents never started on this virtual host.
        channel.queue_bind(queue=queue, exchange=f"{NAMESPACE}:{name}")
    print("ready", flush=True)

    deadline = time.monotonic() + args.timeout
    for method, _properties, body in channel.consume(queue, inactivity_timeout=1):
        if method is not None:
            kind, message = event_of(body)
            if args.correlation_id in (None, message.get("correlationId")):
                print(json.dumps({"type": kind, "message": message}), flush=True)
                if kind == args.until:
                    channel.basic_ack(method.delivery_tag)
                    connection.close()
                    return 0
            # Ack after handling: at-least-once, so a crash here means the event comes again.
            channel.basic_ack(method.delivery_tag)
        if args.until and time.monotonic() > deadline:
            print(f"timed out waiting for {args.until}", file=sys.stderr, flush=True)
            connection.close()
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
