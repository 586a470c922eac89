#!/usr/bin/env python3
"""Publishes an ExtendTrackCommand to MusicEvents as plain JSON, the way a non-.NET service would.

    python3 publish_extend.py --amqp amqp://guest:guest@127.0.0.1:5672/ --clip-id CLIP --starts-at 45.5 --length 30

Needs pika (Debian: apt-get install python3-pika). Prints the command's correlationId, the key of
every event MusicEvents publishes about it.
"""
import argparse
import json
import os
import sys
import uuid

import pika

EXCHANGE = "MusicEvents.Contracts:ExtendTrackCommand"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--amqp", default=os.environ.get("ConnectionStrings__RabbitMq"),
                        help="amqp://user:password@host:port/vhost (default: $ConnectionStrings__RabbitMq)")
    parser.add_argument("--correlation-id", default=str(uuid.uuid4()), help="chosen by you; the same id twice is taken once")
    parser.add_argument("--clip-id", required=True)
    parser.add_argument("--starts-at", type=float, required=True, help="seconds, fractions allowed")
    parser.add_argument("--length", type=float, help="seconds to add, 1 to 240 (MusicAPI's default 60 when absent)")
    parser.add_argument("--instruction")
    parser.add_argument("--lyrics")
    parser.add_argument("--sound")
    args = parser.parse_args()
    if not args.amqp:
        parser.error("--amqp (or $ConnectionStrings__RabbitMq) is required")

    # camelCase (or PascalCase) field names; absent optional fields may be left out.
    command = {"correlationId": args.correlation_id, "clipId": args.clip_id, "startsAt": args.starts_at}
    for field in ("length", "instruction", "lyrics", "sound"):
        value = getattr(args, field)
        if value is not None:
            command[field] = value

    connection = pika.BlockingConnection(pika.URLParameters(args.amqp))
    try:
        channel = connection.channel()
        # Confirms: basic_publish returns once the broker has the message, and raises if the
        # exchange is missing or no queue is bound to it (mandatory), instead of dropping it.
        channel.confirm_delivery()
        channel.basic_publish(
            exchange=EXCHANGE,
            routing_key="",
            body=json.dumps(command).encode("utf-8"),
            properties=pika.BasicProperties(content_type="application/json", delivery_mode=2),
            mandatory=True,
        )
    finally:
        connection.close()

    print(args.correlation_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
