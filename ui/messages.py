"""Translated text for the message keys the Qt-free core emits (errors, issues, device states).

The core never produces sentences: every :class:`~kiosk.errors.KioskError`, form ``Issue`` and
``DeviceStatus`` carries a key plus safe parameters. This table gives each key its English
source text; Qt's translator supplies the Chinese. ``{name}`` placeholders are filled from the
parameters *after* translation, so translators can move them. A test collects every key the
core can emit and fails when one is missing here.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context`` and return it unchanged.

    Same behaviour as PySide6's own, whose stub declares the result ``object``; this table
    needs ``str`` values, and ``lupdate`` only looks for the call's name.
    """
    return source


MESSAGES: dict[str, str] = {
    # --- ID card / social security card --------------------------------------------------
    "error.card.unreadable": QT_TRANSLATE_NOOP(
        "Messages", "The card could not be read. Take it out, wipe it and place it flat again."
    ),
    "error.card.unsupported": QT_TRANSLATE_NOOP(
        "Messages",
        "This card is not supported. Please use your resident ID card or social security card.",
    ),
    "error.card.removed": QT_TRANSLATE_NOOP(
        "Messages", "The card was moved during reading. Place it again and keep it still."
    ),
    "error.card.reader_offline": QT_TRANSLATE_NOOP(
        "Messages",
        "The card reader is not working right now. Enter your ID number instead, or press Help.",
    ),
    "error.card.service_down": QT_TRANSLATE_NOOP(
        "Messages", "The card service is starting. Please wait a moment or enter your ID number."
    ),
    "error.card.timeout": QT_TRANSLATE_NOOP(
        "Messages", "No card was found. Place your card on the reader."
    ),
    "error.card.forbidden_command": QT_TRANSLATE_NOOP(
        "Messages", "The card refused the request. Please ask a staff member."
    ),
    "identity.id_number.format": QT_TRANSLATE_NOOP(
        "Messages", "An ID number has 18 characters: 17 digits and a digit or X."
    ),
    "identity.id_number.checksum": QT_TRANSLATE_NOOP(
        "Messages", "This ID number is not valid. Please check each digit."
    ),
    "identity.id_number.region": QT_TRANSLATE_NOOP(
        "Messages", "The first six digits of this ID number are not a known region."
    ),
    "identity.id_number.birth_date": QT_TRANSLATE_NOOP(
        "Messages", "The date of birth inside this ID number is not valid."
    ),
    "identity.field.date": QT_TRANSLATE_NOOP(
        "Messages", "A date on the card could not be read. Please try again."
    ),
    "identity.field.sex": QT_TRANSLATE_NOOP(
        "Messages", "The card data could not be read. Please try again."
    ),
    "identity.field.nation": QT_TRANSLATE_NOOP(
        "Messages", "The card data could not be read. Please try again."
    ),
    "identity.mismatch": QT_TRANSLATE_NOOP(
        "Messages", "The card data does not fit together. Please ask a staff member."
    ),
    "error.identity.invalid": QT_TRANSLATE_NOOP(
        "Messages", "The identity could not be confirmed. Please ask a staff member."
    ),
    # --- form issues ---------------------------------------------------------------------
    "form.required": QT_TRANSLATE_NOOP("Messages", "Please fill this in."),
    "form.constraint": QT_TRANSLATE_NOOP("Messages", "Please check this answer."),
    "form.text.too_long": QT_TRANSLATE_NOOP("Messages", "Please use at most {max} characters."),
    "form.text.too_short": QT_TRANSLATE_NOOP("Messages", "Please use at least {min} characters."),
    "form.number.invalid": QT_TRANSLATE_NOOP("Messages", "Please enter a number."),
    "form.number.too_small": QT_TRANSLATE_NOOP("Messages", "The number must be at least {min}."),
    "form.number.too_large": QT_TRANSLATE_NOOP("Messages", "The number must be at most {max}."),
    "form.date.invalid": QT_TRANSLATE_NOOP("Messages", "Please enter a valid date."),
    "form.date.too_early": QT_TRANSLATE_NOOP("Messages", "The date must be on or after {min}."),
    "form.date.too_late": QT_TRANSLATE_NOOP("Messages", "The date must be on or before {max}."),
    "form.choice.unknown": QT_TRANSLATE_NOOP("Messages", "Please choose one of the options."),
    "form.choice.duplicate": QT_TRANSLATE_NOOP("Messages", "An option was chosen twice."),
    "form.id_number.invalid": QT_TRANSLATE_NOOP("Messages", "This ID number is not valid."),
    "form.id_number.invalid_format": QT_TRANSLATE_NOOP(
        "Messages", "An ID number has 18 characters: 17 digits and a digit or X."
    ),
    "form.id_number.invalid_checksum": QT_TRANSLATE_NOOP(
        "Messages", "This ID number is not valid. Please check each digit."
    ),
    "form.id_number.invalid_region": QT_TRANSLATE_NOOP(
        "Messages", "The first six digits of this ID number are not a known region."
    ),
    "form.id_number.invalid_birth_date": QT_TRANSLATE_NOOP(
        "Messages", "The date of birth inside this ID number is not valid."
    ),
    "form.phone.invalid": QT_TRANSLATE_NOOP(
        "Messages", "Please enter an 11-digit mobile number or a landline number."
    ),
    "form.address.incomplete": QT_TRANSLATE_NOOP("Messages", "Please complete the address."),
    "form.address.too_long": QT_TRANSLATE_NOOP(
        "Messages", "This part of the address is too long (at most {max} characters)."
    ),
    "form.attachment.invalid": QT_TRANSLATE_NOOP("Messages", "This file could not be used."),
    "form.attachment.too_many": QT_TRANSLATE_NOOP("Messages", "At most {max} files."),
    "form.signature.invalid": QT_TRANSLATE_NOOP("Messages", "Please sign again."),
    "form.repeat.too_few": QT_TRANSLATE_NOOP("Messages", "Please add at least {min} entries."),
    "form.repeat.too_many": QT_TRANSLATE_NOOP("Messages", "At most {max} entries."),
    "form.value.invalid_type": QT_TRANSLATE_NOOP("Messages", "Please check this answer."),
    "form.expression.cycle": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    "form.expression.reserved_name": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    "form.expression.unknown_name": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    "form.schema.calculate_without_value": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    "form.schema.date_limit": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    # --- devices -------------------------------------------------------------------------
    "device.printer.ready": QT_TRANSLATE_NOOP("Messages", "Printer ready"),
    "device.printer.paper_low": QT_TRANSLATE_NOOP("Messages", "Printer paper is running low"),
    "device.printer.paper_out": QT_TRANSLATE_NOOP("Messages", "The printer is out of paper"),
    "device.printer.offline": QT_TRANSLATE_NOOP("Messages", "The printer is not connected"),
    "device.printer.unknown": QT_TRANSLATE_NOOP("Messages", "Printer state unknown"),
    "device.printer.error": QT_TRANSLATE_NOOP("Messages", "The printer has a fault"),
    "device.printer.busy": QT_TRANSLATE_NOOP("Messages", "The printer is busy"),
    "device.camera.ready": QT_TRANSLATE_NOOP("Messages", "Camera ready"),
    "device.camera.closed": QT_TRANSLATE_NOOP("Messages", "Camera is off"),
    "device.camera.unavailable": QT_TRANSLATE_NOOP("Messages", "The camera is not available"),
    "device.camera.ended": QT_TRANSLATE_NOOP("Messages", "The camera stopped"),
    "device.camera.error": QT_TRANSLATE_NOOP("Messages", "The camera has a fault"),
    "device.card.ready": QT_TRANSLATE_NOOP("Messages", "Card reader ready"),
    "device.card.reader_offline": QT_TRANSLATE_NOOP("Messages", "Card reader not connected"),
    "device.card.service_down": QT_TRANSLATE_NOOP("Messages", "Card service not running"),
    "device.card.starting": QT_TRANSLATE_NOOP("Messages", "Card reader starting"),
    "device.card.stopped": QT_TRANSLATE_NOOP("Messages", "Card reader stopped"),
    "device.card_reader.ready": QT_TRANSLATE_NOOP("Messages", "Card reader ready"),
    "device.card_reader.reading": QT_TRANSLATE_NOOP("Messages", "Reading the card…"),
    "device.card_reader.starting": QT_TRANSLATE_NOOP("Messages", "Card reader starting"),
    "device.card_reader.stopped": QT_TRANSLATE_NOOP("Messages", "Card reader stopped"),
    "device.card_reader.fault": QT_TRANSLATE_NOOP("Messages", "The card reader has a fault"),
    "device.card_reader.link_errors": QT_TRANSLATE_NOOP(
        "Messages", "The card reader connection is unstable"
    ),
    "device.card_reader.no_answer": QT_TRANSLATE_NOOP("Messages", "No answer from the card reader"),
    "device.card_reader.port_unavailable": QT_TRANSLATE_NOOP(
        "Messages", "Card reader not connected"
    ),
    "capture.no_page": QT_TRANSLATE_NOOP("Messages", "Place the page inside the frame"),
    "capture.move_closer": QT_TRANSLATE_NOOP("Messages", "Move the page closer to the camera"),
    "capture.hold_still": QT_TRANSLATE_NOOP("Messages", "Hold still…"),
    "capture.avoid_glare": QT_TRANSLATE_NOOP("Messages", "Too much reflection: tilt the page"),
    "capture.ready": QT_TRANSLATE_NOOP("Messages", "Good — keep still, taking the photo"),
    # --- printing, camera, storage ------------------------------------------------------
    "error.printer": QT_TRANSLATE_NOOP("Messages", "The receipt could not be printed."),
    "error.printer.paper_out": QT_TRANSLATE_NOOP("Messages", "The printer is out of paper."),
    "error.printer.offline": QT_TRANSLATE_NOOP("Messages", "The printer is not connected."),
    "error.printer.timeout": QT_TRANSLATE_NOOP("Messages", "The printer did not answer."),
    "error.printer.config": QT_TRANSLATE_NOOP("Messages", "The printer is not set up correctly."),
    "error.printer.font_missing": QT_TRANSLATE_NOOP(
        "Messages", "The printer is not set up correctly."
    ),
    "error.printer.permission_denied": QT_TRANSLATE_NOOP(
        "Messages", "The printer is not set up correctly."
    ),
    "error.printer.qr_too_large": QT_TRANSLATE_NOOP(
        "Messages", "The receipt could not be printed."
    ),
    "error.camera": QT_TRANSLATE_NOOP("Messages", "The camera has a problem."),
    "error.camera.unavailable": QT_TRANSLATE_NOOP(
        "Messages", "The camera is not available. You can hand in paper copies at the window."
    ),
    "error.camera.stream_ended": QT_TRANSLATE_NOOP("Messages", "The camera stopped."),
    "error.camera.no_page": QT_TRANSLATE_NOOP("Messages", "No page was found in the picture."),
    "error.camera.encode": QT_TRANSLATE_NOOP("Messages", "The photo could not be saved."),
    "error.attachment.too_large": QT_TRANSLATE_NOOP("Messages", "The photo is too large."),
    "error.attachment.not_found": QT_TRANSLATE_NOOP("Messages", "The photo is missing."),
    "error.store": QT_TRANSLATE_NOOP(
        "Messages", "Saving failed. Please ask a staff member for help."
    ),
    "error.store.full": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk's storage is full. Please ask a staff member."
    ),
    "error.store.readonly": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk cannot save right now. Please ask a staff member."
    ),
    "error.store.busy": QT_TRANSLATE_NOOP("Messages", "The kiosk is busy. Please try again."),
    "error.store.cannot_open": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk cannot save right now. Please ask a staff member."
    ),
    "error.store.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk cannot save right now. Please ask a staff member."
    ),
    "error.store.io": QT_TRANSLATE_NOOP(
        "Messages", "Saving failed. Please ask a staff member for help."
    ),
    # --- journey ---------------------------------------------------------------------------
    "error.draft.not_found": QT_TRANSLATE_NOOP(
        "Messages", "This application was already submitted or has expired."
    ),
    "error.submission.not_found": QT_TRANSLATE_NOOP(
        "Messages", "No application with this number was found."
    ),
    "error.rating.duplicate": QT_TRANSLATE_NOOP(
        "Messages", "This case has already been rated here. Thank you!"
    ),
    "error.rating.not_found": QT_TRANSLATE_NOOP("Messages", "The rating was not found."),
    "error.complaint.not_found": QT_TRANSLATE_NOOP("Messages", "The complaint was not found."),
    "error.session.other_resident": QT_TRANSLATE_NOOP(
        "Messages", "This is a different card. Please use the card you started with."
    ),
    "error.session.case_number_required": QT_TRANSLATE_NOOP(
        "Messages", "Please enter the tracking number first."
    ),
    "error.session.invalid_transition": QT_TRANSLATE_NOOP(
        "Messages", "That is not possible right now."
    ),
    "error.session.worker_id": QT_TRANSLATE_NOOP("Messages", "Please enter a valid staff number."),
    "error.catalog.matter_not_found": QT_TRANSLATE_NOOP(
        "Messages", "This service is no longer offered here."
    ),
    "error.catalog.bundle_not_found": QT_TRANSLATE_NOOP(
        "Messages", "This service is no longer offered here."
    ),
    "error.catalog.none": QT_TRANSLATE_NOOP(
        "Messages", "The service list is not available. Please ask a staff member."
    ),
    "error.catalog.invalid": QT_TRANSLATE_NOOP(
        "Messages", "The service list is not available. Please ask a staff member."
    ),
    "error.catalog.version_not_found": QT_TRANSLATE_NOOP(
        "Messages", "The service list is not available. Please ask a staff member."
    ),
    "error.receipt.no_tracking_number": QT_TRANSLATE_NOOP(
        "Messages", "The receipt could not be prepared."
    ),
    "error.receipt.unmasked_id_number": QT_TRANSLATE_NOOP(
        "Messages", "The receipt could not be prepared."
    ),
    "error.receipt.time_limit": QT_TRANSLATE_NOOP("Messages", "The receipt could not be prepared."),
    "error.receipt.supplement_without_deadline": QT_TRANSLATE_NOOP(
        "Messages", "The receipt could not be prepared."
    ),
    "error.ticket.no_number": QT_TRANSLATE_NOOP("Messages", "The ticket could not be printed."),
    "error.ticket.waiting_count": QT_TRANSLATE_NOOP("Messages", "The ticket could not be printed."),
    "error.platform": QT_TRANSLATE_NOOP("Messages", "The service centre cannot be reached."),
    "error.platform.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "The service centre cannot be reached."
    ),
    "error.platform.timeout": QT_TRANSLATE_NOOP(
        "Messages", "The service centre cannot be reached."
    ),
    "error.platform.not_api": QT_TRANSLATE_NOOP(
        "Messages", "The service centre cannot be reached."
    ),
    "error.platform.unauthorized": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk is not registered. Please ask a staff member."
    ),
    "error.platform.conflict": QT_TRANSLATE_NOOP(
        "Messages", "The service centre refused the data."
    ),
    "error.platform.invalid": QT_TRANSLATE_NOOP("Messages", "The service centre refused the data."),
    "error.platform.rejected": QT_TRANSLATE_NOOP(
        "Messages", "The service centre refused the data."
    ),
    "error.platform.too_large": QT_TRANSLATE_NOOP(
        "Messages", "The service centre refused the data."
    ),
    "error.outbox.not_found": QT_TRANSLATE_NOOP("Messages", "Something went wrong."),
    "error.outbox.invalid_transition": QT_TRANSLATE_NOOP("Messages", "Something went wrong."),
    "error.config.invalid": QT_TRANSLATE_NOOP(
        "Messages", "This kiosk is not set up correctly. Please ask a staff member."
    ),
    "error.expression": QT_TRANSLATE_NOOP(
        "Messages", "This form has a problem. Please ask a staff member."
    ),
    "error.validation": QT_TRANSLATE_NOOP("Messages", "Please check your answers."),
    "error.not_found": QT_TRANSLATE_NOOP("Messages", "Nothing was found."),
    "error.device": QT_TRANSLATE_NOOP(
        "Messages", "A device is not working. Please ask a staff member."
    ),
    # --- journey service, ratings, complaints -------------------------------------------------
    "error.complaint.contact_needs_real_name": QT_TRANSLATE_NOOP(
        "Messages", "To be called back, please give your name (not anonymous)."
    ),
    "error.complaint.empty": QT_TRANSLATE_NOOP("Messages", "Please describe the problem."),
    "error.complaint.invalid_tracking_number": QT_TRANSLATE_NOOP(
        "Messages", "This number is not complete or has a typing mistake. Please check it."
    ),
    "error.complaint.photo_not_jpeg": QT_TRANSLATE_NOOP("Messages", "The photo could not be used."),
    "error.complaint.too_long": QT_TRANSLATE_NOOP(
        "Messages", "The text is too long. Please shorten it."
    ),
    "error.journey.delivery.address_required": QT_TRANSLATE_NOOP(
        "Messages", "Please enter the address for mail delivery."
    ),
    "error.journey.delivery.not_offered": QT_TRANSLATE_NOOP(
        "Messages", "This way of delivery is not offered for this matter."
    ),
    "error.journey.delivery.unknown": QT_TRANSLATE_NOOP(
        "Messages", "Please choose how you receive the result."
    ),
    "error.journey.form_invalid": QT_TRANSLATE_NOOP("Messages", "Please check your answers."),
    "error.journey.form_outdated": QT_TRANSLATE_NOOP(
        "Messages", "This form has changed. Please start again."
    ),
    "error.journey.material.choice_not_allowed": QT_TRANSLATE_NOOP(
        "Messages", "This way of providing the material is not possible here."
    ),
    "error.journey.material.not_jpeg": QT_TRANSLATE_NOOP(
        "Messages", "The photo could not be used."
    ),
    "error.journey.material.unknown": QT_TRANSLATE_NOOP(
        "Messages", "This material is not part of the matter."
    ),
    "error.journey.signature.not_png": QT_TRANSLATE_NOOP("Messages", "Please sign again."),
    "error.platform.no_url": QT_TRANSLATE_NOOP("Messages", "The service centre cannot be reached."),
    "error.progress.invalid_tracking_number": QT_TRANSLATE_NOOP(
        "Messages", "This number is not complete or has a typing mistake. Please check it."
    ),
    "error.rating.comment_too_long": QT_TRANSLATE_NOOP(
        "Messages", "The text is too long. Please shorten it."
    ),
    "error.rating.contact_needs_real_name": QT_TRANSLATE_NOOP(
        "Messages", "To be called back, please give your name (not anonymous)."
    ),
    "error.rating.duplicate_reason": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.rating.indicator_score": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.rating.invalid_tracking_number": QT_TRANSLATE_NOOP(
        "Messages", "This number is not complete or has a typing mistake. Please check it."
    ),
    "error.rating.level": QT_TRANSLATE_NOOP("Messages", "Please choose one of the five levels."),
    "error.rating.matter_unknown": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.rating.reasons_not_allowed": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.rating.unknown_indicator": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.rating.unknown_reason": QT_TRANSLATE_NOOP(
        "Messages", "The rating could not be saved. Please try again."
    ),
    "error.receipt.not_found": QT_TRANSLATE_NOOP(
        "Messages", "The receipt was not found. Please ask at the window."
    ),
    "error.receipt.not_stored": QT_TRANSLATE_NOOP(
        "Messages", "The receipt was not found. Please ask at the window."
    ),
    # --- keys of the UI itself --------------------------------------------------------------
    "ui.tracking.invalid": QT_TRANSLATE_NOOP(
        "Messages", "This number is not complete or has a typing mistake. Please check it."
    ),
    "error.unexpected": QT_TRANSLATE_NOOP(
        "Messages", "Something went wrong. Please try again or press Help."
    ),
}


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message(key: str, params: Mapping[str, object] | None = None) -> str:
    """Translated text for ``key`` with ``{param}`` placeholders filled; never raises.

    Unknown keys fall back to the generic "something went wrong" text (the key is for logs).
    """
    source = MESSAGES.get(key)
    if source is None:
        prefix = key.split(".", 2)
        source = MESSAGES.get(".".join(prefix[:2]), MESSAGES["error.unexpected"])
    text = QCoreApplication.translate(CONTEXT, source)
    if params:
        try:
            return text.format_map(_SafeDict(params))
        except (ValueError, IndexError):
            return text
    return text
