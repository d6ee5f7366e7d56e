"""States of one resident's visit to the kiosk and the transitions between them.

Transition table (``ALLOWED``; any state may also go to ``IDLE`` through a wipe)::

    from         to                                            action
    ---------    ------------------------------------------    ---------------------------------
    IDLE         BROWSING, QUERYING, RATING, IDENTIFIED         browse / query / rate / identify
    BROWSING     QUERYING, RATING, IDENTIFIED                   (anonymous catalogue and guides)
    QUERYING     BROWSING, RATING, IDENTIFIED                   (anonymous progress query)
    IDENTIFIED   CHOOSING, PAUSED                               choose_matter / card removed
    CHOOSING     FILLING, PAUSED                                open_matter
    FILLING      CAPTURING, REVIEWING, CHOOSING, PAUSED         capture / review / change matter
    CAPTURING    FILLING, REVIEWING, PAUSED                     back to form / review
    REVIEWING    FILLING, CAPTURING, SUBMITTED, PAUSED          edit / recapture / submit
    SUBMITTED    RATING, CHOOSING, PAUSED                       rate / another matter
    RATING       PAUSED                                         (finish or skip rating = wipe)
    PAUSED       the state it paused from                       resident confirms "continue"
                                                                (no other action until then)

Why these shapes:

* Browsing, progress queries and rating a finished case from the home screen (好差评 "rate
  from home" with a case number) need no identification; a resident may identify from there.
* Rating is voluntary: nothing waits on it, and leaving it (or the idle timeout) ends the visit.
* ``SUBMITTED → CHOOSING`` lets the same resident handle a second matter without re-reading the
  card; ``FILLING → CHOOSING`` changes the matter (the unsaved draft is discarded).
* ``PAUSED`` exists for cards that stay in the reader (social security card): pulling it
  mid-visit usually means the resident walked away, so the kiosk asks before continuing.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final


class SessionState(StrEnum):
    IDLE = "idle"  # attract / home screen, nothing held
    BROWSING = "browsing"  # anonymous catalogue and guides
    QUERYING = "querying"  # anonymous progress query by case number
    IDENTIFIED = "identified"
    CHOOSING = "choosing"  # picking a matter (identified)
    FILLING = "filling"
    CAPTURING = "capturing"  # camera / scanner materials
    REVIEWING = "reviewing"  # review and sign
    SUBMITTED = "submitted"  # committed locally; receipt printed
    RATING = "rating"  # 好差评, voluntary
    PAUSED = "paused"  # card pulled mid-visit: ask the resident


ANONYMOUS_STATES: Final = frozenset(
    {SessionState.IDLE, SessionState.BROWSING, SessionState.QUERYING}
)
# States of an identified journey: the card can be pulled here, pausing the visit.
JOURNEY_STATES: Final = frozenset(
    {
        SessionState.IDENTIFIED,
        SessionState.CHOOSING,
        SessionState.FILLING,
        SessionState.CAPTURING,
        SessionState.REVIEWING,
        SessionState.SUBMITTED,
        SessionState.RATING,
    }
)
# States where a draft is open and edits are autosaved.
DRAFT_STATES: Final = frozenset(
    {SessionState.FILLING, SessionState.CAPTURING, SessionState.REVIEWING}
)

_S = SessionState
ALLOWED: Final = MappingProxyType(
    {
        _S.IDLE: frozenset({_S.BROWSING, _S.QUERYING, _S.RATING, _S.IDENTIFIED}),
        _S.BROWSING: frozenset({_S.QUERYING, _S.RATING, _S.IDENTIFIED}),
        _S.QUERYING: frozenset({_S.BROWSING, _S.RATING, _S.IDENTIFIED}),
        _S.IDENTIFIED: frozenset({_S.CHOOSING, _S.PAUSED}),
        _S.CHOOSING: frozenset({_S.FILLING, _S.PAUSED}),
        _S.FILLING: frozenset({_S.CAPTURING, _S.REVIEWING, _S.CHOOSING, _S.PAUSED}),
        _S.CAPTURING: frozenset({_S.FILLING, _S.REVIEWING, _S.PAUSED}),
        _S.REVIEWING: frozenset({_S.FILLING, _S.CAPTURING, _S.SUBMITTED, _S.PAUSED}),
        _S.SUBMITTED: frozenset({_S.RATING, _S.CHOOSING, _S.PAUSED}),
        _S.RATING: frozenset({_S.PAUSED}),
        _S.PAUSED: JOURNEY_STATES,
    }
)


def can_go(source: SessionState, target: SessionState) -> bool:
    """True when the table allows ``source → target``; going home (wipe) is always allowed."""
    return target is SessionState.IDLE or target in ALLOWED[source]
