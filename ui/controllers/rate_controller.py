"""好差评: rate a case after submitting it, or from home with its tracking number.

The rating scheme (levels, indicators, reasons: ``config/rating_indicators.json``) and its rules
(one rating per case on this channel, reasons only for 基本满意 and below, anonymous unless the
resident says otherwise) belong to the journey service; the screen draws what the scheme lists.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from kiosk.errors import NotFoundError
from kiosk.services.journey import JourneyService, Progress, RatingScheme
from kiosk.session import SessionState
from kiosk.store import is_valid_tracking_number
from ui.screens.rate import RateScreen, RateStage, RateState, RatingChoices

if TYPE_CHECKING:
    from ui.controllers.journey_controller import JourneyController


def rating_choices(scheme: RatingScheme) -> RatingChoices:
    return RatingChoices(
        levels=tuple((lv.level, lv.code, lv.label) for lv in scheme.levels),
        indicators=tuple((i.code, i.label) for i in scheme.indicators),
        reasons=tuple((r.code, r.label) for r in scheme.reasons),
        reasons_max_level=scheme.reasons_max_level,
    )


def normalize_tracking(text: str, station_code: str) -> str | None:
    """A typed number: the full form, or only its digits (the station code is implied)."""
    text = text.strip().upper()
    if not is_valid_tracking_number(text):
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) < 11:
            return None
        text = f"{station_code}-{digits[:6]}-{digits[6:-1]}-{digits[-1]}"
    return text if is_valid_tracking_number(text) else None


class RateController:
    def __init__(self, owner: JourneyController) -> None:
        self.owner = owner
        self.screen = RateScreen()
        owner.window.add_screen(self.screen)
        r = self.screen
        r.caseEntered.connect(self.case_entered)
        r.levelChosen.connect(lambda level: self._update(level=level, error_key=None))
        r.rated.connect(self.send)
        r.skipRequested.connect(self.finish)
        self._choices: RatingChoices | None = None
        self.reset()

    def reset(self) -> None:
        self._case: tuple[str, str | None] | None = None
        self.screen.case_field.clear()
        self._set(RateState(RateStage.LEVEL, scheme=self._choices, elder=self.owner.elder))

    def rerender(self) -> None:
        self._update(elder=self.owner.elder)

    def _set(self, state: RateState) -> None:
        self.state = state
        self.screen.render(state)

    def _update(self, **changes: Any) -> None:
        self._set(dataclasses.replace(self.state, **changes))

    def _open(self, stage: RateStage) -> None:
        """Show the screen with the service's rating scheme (data already in memory: the
        catalogue job built the service on the worker right after the first paint)."""
        if self._choices is None:
            self._choices = rating_choices(self.owner.calls.journey.rating_scheme)
        self._set(RateState(stage, scheme=self._choices, elder=self.owner.elder))
        self.owner.show(self.screen)

    # ------------------------------------------------------------------ entering

    def open_after_submit(self, matter_code: str | None) -> None:
        session = self.owner.session
        tracking = session.case_number
        if tracking is None:
            return
        session.start_rating()
        self._case = (tracking, matter_code)
        self._open(RateStage.LEVEL)
        self.owner.speak(self.screen.title.text())

    def open_from_home(self) -> None:
        self._case = None
        self.screen.case_field.clear()
        self._open(RateStage.CASE)

    def case_entered(self, text: str) -> None:
        tracking = normalize_tracking(text, self.owner.station_code())
        if tracking is None:
            self._update(error_key="ui.tracking.invalid")
            return

        def known(journey: JourneyService) -> Progress:
            progress = journey.progress(tracking)
            if progress is None:
                raise NotFoundError("error.submission.not_found")
            return progress

        def found(progress: Progress) -> None:
            session = self.owner.session
            if session.state is not SessionState.IDLE:
                session.end()
            session.start_rating(tracking)
            self._case = (tracking, progress.matter_code or progress.bundle_code)
            self._update(stage=RateStage.LEVEL, error_key=None)

        self.owner.calls.call(
            known, found, lambda err: self._update(error_key=err.key), name="rate-case"
        )

    # ------------------------------------------------------------------ sending

    def send(
        self, level: int, indicators: dict[str, int], reasons: list[str], anonymous: bool
    ) -> None:
        if self._case is None or self.state.sending:
            return
        tracking, matter = self._case
        self._update(level=level, sending=True, error_key=None)

        def sent(_: object) -> None:
            self.owner.services.on_submitted()  # the rating rides the outbox too
            self._update(stage=RateStage.THANKS, sending=False)

        self.owner.calls.call(
            lambda journey: journey.rate(
                tracking, matter, level, indicators, tuple(reasons), anonymous
            ),
            sent,
            lambda err: self._update(error_key=err.key, sending=False),
            name="rate",
        )

    def finish(self) -> None:
        session = self.owner.session
        if session.state is SessionState.RATING:
            session.finish_rating()
        else:
            session.end()
        self.owner._reset_visit()
        self.owner.show(self.owner.home)
