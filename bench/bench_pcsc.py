"""Card insert to identity: what a resident waits for after pushing the social security card in.

Runs a real pcscd with vsmartcard-vpcd (our own child process, as the tests do) and the
project's card emulator. Each sample is the time from the emulator connecting to vpcd (the
card touching the contacts) to the READ event of :class:`PcscCardReader`, over ten insertions.
pcscd notices a card by polling every 400 ms, so the figure is dominated by where in that cycle
the card arrives. Inserting right after the previous removal was seen would always land just
after a poll (a constant ~400 ms), so each insertion waits a random 0-400 ms first, like a
resident would. The APDU session itself (~35 commands, INSERTED to READ) takes a few
milliseconds with ``TCP_QUICKACK`` in the emulator; it is printed alongside.

Needs pcscd and vsmartcard-vpcd installed and no other pcscd running.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Any

from bench.util import median, p95, result
from drivers.pcsc.reader import PcscCardReader
from kiosk.ports.card import CardEvent, CardEventKind
from tests.emulators.vpcd_card import Holder, SscApplet, VpcdCard
from tests.pcsc_stack import VPCD_READER, PcscStack, card_present, wait_for

ROUNDS = 10
TIMEOUT = 10.0


class _Events:
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.seen: list[tuple[float, CardEvent]] = []

    def __call__(self, event: CardEvent) -> None:
        with self.cond:
            self.seen.append((time.perf_counter(), event))
            self.cond.notify_all()

    def wait(self, kind: CardEventKind, after: int) -> tuple[float, CardEvent]:
        def find() -> tuple[float, CardEvent] | None:
            return next((s for s in self.seen[after:] if s[1].kind is kind), None)

        with self.cond:
            found = self.cond.wait_for(find, TIMEOUT)
        if found is None:
            raise RuntimeError(f"no {kind.value} event within {TIMEOUT} s")
        return found


def run() -> dict[str, Any]:
    samples: list[float] = []
    sessions: list[float] = []
    phase = random.Random(20240506)  # reproducible insertion phases
    pause = threading.Event()  # never set: a cancellable sleep
    with PcscStack() as stack:
        stack.start()
        reader = PcscCardReader(VPCD_READER)
        events = _Events()
        reader.start(events)
        try:
            for _ in range(ROUNDS):
                card = VpcdCard(SscApplet(Holder(name="阿卜杜热合曼·买买提艾力·阿不都热依木")))
                pause.wait(phase.uniform(0.0, 0.4))
                mark = len(events.seen)
                card.insert()
                inserted_at, _ = events.wait(CardEventKind.INSERTED, mark)
                at, event = events.wait(CardEventKind.READ, mark)
                assert card.inserted_at is not None and event.identity is not None
                samples.append((at - card.inserted_at) * 1000)
                sessions.append((at - inserted_at) * 1000)
                card.remove()
                events.wait(CardEventKind.REMOVED, mark)
                if not wait_for(lambda: card_present() is False, TIMEOUT):
                    raise RuntimeError("pcscd did not notice the removal")
        finally:
            reader.stop()
    print(
        f"   insert->identity over {ROUNDS}: median {median(samples):.1f} ms, "
        f"p95 {p95(samples):.1f} ms, min {min(samples):.1f} ms, max {max(samples):.1f} ms; "
        f"APDU session median {median(sessions):.1f} ms"
    )
    return {"card_insert_to_identity_ms": result(median(samples), "ms", None)}


if __name__ == "__main__":
    print(run())
