"""Talk to `pagefind --service` directly.

Why not the `pagefind` package's asyncio client: it reads each reply only
after a 0.1 s sleep, so adding 60 pages one by one (which a stable page order
needs) took 6.5 s instead of well under one. The protocol is the one that
client and Pagefind's Node client speak: base64 JSON messages, each ended by
a comma. The service (1.5) handles one request at a time, in the order they
come, and answers in that order: so pages can be sent without waiting for
each answer (`send`), and Pagefind parses one while the next is read and
encoded here, with at most IN_FLIGHT unanswered (each waits in Pagefind's
memory). Waiting for each answer kept a thousand-post build waiting 1–2 s
more for the index. Were a later Pagefind to handle requests concurrently,
the pages' order, and so the index's bytes, could change: the determinism
tests would say so.
"""

from __future__ import annotations

import base64
import collections
import json
import os
import subprocess

# Requests sent and not yet answered, at most: a page each, waiting in
# Pagefind's memory (a few hundred KB), enough that it never waits for us.
IN_FLIGHT = 16


class PagefindError(Exception):
    pass


class PagefindService:
    def __init__(self) -> None:
        from pagefind.service import get_executable  # the binary from pagefind-bin

        executable = get_executable()
        if executable is None:
            raise PagefindError("the Pagefind binary was not found (is pagefind[bin] installed?)")
        self.process = subprocess.Popen([str(executable), "--service"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.unanswered: collections.deque[int] = collections.deque()  # the ids sent, not yet answered
        self.unread = b""

    def request(self, payload: dict) -> dict:
        """Send one request and return the service's reply to it (after the
        replies to the requests sent before it, each checked)."""
        self.send(payload)
        while len(self.unanswered) > 1:
            self.receive()
        return self.receive()

    def send(self, payload: dict) -> None:
        """Send one request without waiting for its reply (see above); a
        reply that is an error is raised by a later `receive` or `request`."""
        if len(self.unanswered) >= IN_FLIGHT:
            self.receive()
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        self.process.stdin.flush()
        self.unanswered.append(self.next_id)

    def receive(self) -> dict:
        """The reply to the oldest request not yet answered."""
        # The reply to GetFiles is the whole index in one message (tens of MB
        # at 5000 posts): chunks are joined once, and only each new chunk is
        # searched for the end (a comma, which base64 never holds). Adding to
        # one bytes object and searching all of it for every 64 KB read was
        # quadratic: 4 s of a build at 5000 posts.
        chunks = [self.unread]
        while b"," not in chunks[-1]:
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise PagefindError("the Pagefind service stopped unexpectedly")
            chunks.append(chunk)
        reply, self.unread = b"".join(chunks).split(b",", 1)
        message, expected = json.loads(base64.b64decode(reply)), self.unanswered.popleft()
        if message.get("message_id") is None and message["payload"].get("type") == "Error":
            raise PagefindError(message["payload"]["message"])  # a request it could not read: its own words
        if message.get("message_id") != expected:
            # Paired with the wrong request, a reply would be taken for another page's.
            raise PagefindError(f"the Pagefind service answered request {message.get('message_id')} where "
                                f"{expected} was next")
        answer = message["payload"]
        if answer["type"] == "Error":
            raise PagefindError(answer["message"])
        return answer

    def close(self) -> None:
        self.process.stdin.close()  # the service exits when its input ends
        self.process.wait()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
