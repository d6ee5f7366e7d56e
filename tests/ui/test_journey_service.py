"""Journey service: the path of one matter, against real SQLite and the sample catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import NotFoundError, ValidationError
from kiosk.receipts import Delivery
from kiosk.services.journey import (
    META_KEY,
    EditKind,
    FormInvalidError,
    JourneyService,
    MaterialChoice,
    MaterialChoiceError,
    receipt_from_json,
)
from kiosk.store import Store
from tests.ui.test_journey_service_support import (
    FakeClock,
    FakePrinter,
    jpeg,
    make_service,
    png,
    resident,
)

DIBAO = "370102-MZ-001"  # deferrable income statement (10 days), commitment, pickup/mail
EMPLOYMENT = "370102-JY-002"  # on the spot, deferrable employment proof (15 days)


@pytest.fixture
def printer() -> FakePrinter:
    return FakePrinter()


@pytest.fixture
def service(store: Store, clock: FakeClock, printer: FakePrinter) -> JourneyService:
    return make_service(store, clock, printer)


def fill_employment(service: JourneyService, draft_id: str) -> None:
    for name, value in {
        "phone": "13800138000",
        "employment_type": "flexible",
        "employment_start_date": "2025-03-01",
        "info_true": True,
    }.items():
        service.autosave(draft_id, name, value)
    service.set_signature(draft_id, png())


def test_start_prefills_from_card_and_binds_form_version(service: JourneyService) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    assert handle.form.id == "f.370102-JY-002"
    assert handle.values["applicant_name"] == "张伟明"
    assert handle.values["applicant_id_number"] == "370102198503121233"
    assert {"applicant_name", "applicant_id_number", "applicant_birth_date"} <= handle.prefilled
    assert "phone" not in handle.prefilled
    assert META_KEY not in handle.values
    assert handle.on_the_spot and handle.time_limit_days == 0
    assert handle.delivery_options == ()


def test_materials_carry_necessity_flags_and_working_day_deadline(service: JourneyService) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    by_code = {m.code: m for m in handle.materials}
    income = by_code["income_statement"]
    assert income.deferrable and income.required
    # Friday 2025-03-14 + 10 working days (two weekends skipped) = Friday 2025-03-28.
    assert income.supplement_deadline == date(2025, 3, 28)
    assert handle.supplement_deadline == date(2025, 3, 28)
    promise = by_code["economic_commitment"]
    assert promise.commitment and promise.commitment_text is not None
    assert MaterialChoice.COMMITMENT in promise.allowed_choices
    assert by_code["disability_cert"].required is False
    assert MaterialChoice.OMITTED in by_code["disability_cert"].allowed_choices
    # 简化办: certificates the e-certificate library holds are fetched by default.
    assert handle.choices["id_card"] is MaterialChoice.E_CERTIFICATE
    assert handle.delivery_options == (Delivery.PICKUP, Delivery.MAIL)


def test_bundle_start_uses_the_merged_form(service: JourneyService) -> None:
    handle = service.start(resident(), "birth", "en")
    assert handle.bundle_code == "birth" and handle.matter_code is None
    assert handle.form.id == "bundle.birth"
    codes = [m.code for m in handle.materials]
    assert len(codes) == len(set(codes))  # de-duplicated across the four matters
    assert handle.language == "en"


def test_unknown_code_is_not_found(service: JourneyService) -> None:
    with pytest.raises(NotFoundError):
        service.start(None, "no-such-matter", "zh_CN")


def test_autosave_and_evaluate_from_store(service: JourneyService) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    service.autosave(handle.draft_id, "employment_type", "employee")
    state = service.evaluate(handle.draft_id)
    assert state.is_relevant("employer_name")
    assert any(i.path == "employer_name" for i in state.issues)
    # With a handle and values no store is needed (the GUI thread may do this).
    local = service.evaluate(handle, {"employment_type": "flexible"})
    assert not local.is_relevant("employer_name")


def test_material_pages_are_content_addressed_and_set_the_choice(
    service: JourneyService, store: Store
) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    first = service.add_material_page(handle.draft_id, "income_statement", jpeg(1))
    again = service.add_material_page(handle.draft_id, "income_statement", jpeg(1))
    second = service.add_material_page(handle.draft_id, "income_statement", jpeg(2))
    assert first == again
    assert (first.page_number, second.page_number) == (1, 2)
    assert service.page_bytes(first.sha256) == jpeg(1)
    status = {m.info.code: m for m in service.material_status(handle.draft_id)}
    assert status["income_statement"].choice is MaterialChoice.CAPTURED
    assert len(status["income_statement"].pages) == 2
    assert service.remove_material_page(handle.draft_id, "income_statement", first.sha256)
    assert [p.sha256 for p in service.material_pages(handle.draft_id, "income_statement")] == [
        second.sha256
    ]
    # Removing the last page makes the material open again.
    service.remove_material_page(handle.draft_id, "income_statement", second.sha256)
    status = {m.info.code: m for m in service.material_status(handle.draft_id)}
    assert status["income_statement"].choice is None
    assert not store.attachments.path_for(second.sha256).exists()


def test_photo_refused_where_the_catalogue_offers_no_camera(service: JourneyService) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    with pytest.raises(MaterialChoiceError) as err:
        service.add_material_page(handle.draft_id, "economic_commitment", jpeg(1))
    assert err.value.params == {"material": "economic_commitment", "choice": "captured"}
    with pytest.raises(ValidationError, match="not_jpeg"):
        service.add_material_page(handle.draft_id, "income_statement", b"GIF89a")


@pytest.mark.parametrize(
    ("code", "choice", "allowed"),
    [
        ("income_statement", "deferred", True),
        ("income_statement", "window", True),
        ("income_statement", "commitment", False),
        ("household_register", "deferred", False),  # required, not deferrable
        ("economic_commitment", "commitment", True),
        ("disability_cert", "omitted", True),
        ("disability_cert", "window", False),  # not in its capture methods
        ("id_card", "omitted", False),
        ("id_card", "teleport", False),
    ],
)
def test_material_choice_follows_the_catalogue(
    service: JourneyService, code: str, choice: str, allowed: bool
) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    if allowed:
        service.set_material_choice(handle.draft_id, code, choice)
        status = {m.info.code: m for m in service.material_status(handle.draft_id)}
        assert status[code].choice == MaterialChoice(choice)
    else:
        with pytest.raises(MaterialChoiceError):
            service.set_material_choice(handle.draft_id, code, choice)


def test_leaving_captured_drops_the_pages(service: JourneyService) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    service.add_material_page(handle.draft_id, "income_statement", jpeg(7))
    service.set_material_choice(handle.draft_id, "income_statement", "deferred")
    assert service.material_pages(handle.draft_id, "income_statement") == []


def test_delivery_mail_fills_the_form_and_needs_an_offer(service: JourneyService) -> None:
    handle = service.start(resident(), DIBAO, "zh_CN")
    service.set_delivery(handle.draft_id, "mail", "济南市历下区泉城路1号")
    values = service.open_draft(handle.draft_id).values
    assert values["delivery_method"] == "mail"
    assert values["mail_address"]["detail"] == "济南市历下区泉城路1号"
    on_spot = service.start(resident(), EMPLOYMENT, "zh_CN")
    with pytest.raises(ValidationError, match="not_offered"):
        service.set_delivery(on_spot.draft_id, "pickup")
    with pytest.raises(ValidationError, match="unknown"):
        service.set_delivery(handle.draft_id, "drone")


def test_signature_replaces_the_previous_one(service: JourneyService, store: Store) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    first = service.set_signature(handle.draft_id, png(4, 2))
    second = service.set_signature(handle.draft_id, png(5, 3))
    assert first != second
    assert service.open_draft(handle.draft_id).values["applicant_signature"] == second
    slots = [r.sha256 for r in store.attachments.refs_for_draft(handle.draft_id)]
    assert slots == [second]
    with pytest.raises(ValidationError, match="not_png"):
        service.set_signature(handle.draft_id, jpeg(1))


def test_review_masks_personal_data_and_links_back(service: JourneyService) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    fill_employment(service, handle.draft_id)
    model = service.review(handle.draft_id)
    rows = {r.path: r for s in model.sections for r in s.rows}
    assert rows["applicant_id_number"].display is not None
    assert rows["applicant_id_number"].display.zh == "370102********1233"
    assert rows["applicant_id_number"].masked and rows["applicant_id_number"].prefilled
    assert rows["applicant_name"].display is not None
    assert rows["applicant_name"].display.zh == "张*明"
    assert rows["phone"].display is not None and rows["phone"].display.zh == "138****8000"
    assert rows["employment_type"].display is not None
    assert "employer_name" not in rows  # hidden by the skip rule
    targets = [s.target for s in model.sections]
    assert targets[0].kind is EditKind.FORM_PAGE and targets[0].page_id == "applicant"
    assert targets[-1].kind is EditKind.SIGNATURE
    assert model.signed and model.form_valid
    # the employment proof is still open: not ready, but submitting is allowed (routed).
    assert model.unresolved_materials == ("employment_proof",)
    assert not model.ready


def test_submit_invalid_form_raises_with_issues(service: JourneyService) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    with pytest.raises(FormInvalidError) as err:
        service.submit(handle.draft_id, resident(), "zh_CN")
    paths = {i.path for i in err.value.issues}
    assert {"phone", "employment_type", "applicant_signature"} <= paths
    assert err.value.params["count"] == len(err.value.issues)
    service.open_draft(handle.draft_id)  # the draft is untouched


def test_submit_commits_prints_and_a_double_tap_repeats_nothing(
    service: JourneyService, store: Store, printer: FakePrinter
) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    fill_employment(service, handle.draft_id)
    service.set_material_choice(handle.draft_id, "employment_proof", "deferred")
    result = service.submit(handle.draft_id, resident(), "zh_CN")
    assert result.printed and result.print_reason_key is None
    assert result.deferred_materials == (("employment_proof", date(2025, 4, 4)),)
    assert result.receipt is not None
    assert result.receipt.applicant_name_masked == "张*明"
    assert result.receipt.materials_to_supplement == ("劳动合同或在职证明",)
    assert result.receipt.supplement_deadline == date(2025, 4, 4)
    assert [p.tracking_number for p in printer.printed] == [result.tracking_number]
    sub = store.submissions.by_tracking_number(result.tracking_number)
    assert sub.payload is not None
    assert sub.payload["values"]["employment_type"] == "flexible"
    assert META_KEY not in sub.payload["values"]  # the wire data is the form's data only
    assert sub.payload["deferred_materials"] == [
        {"code": "employment_proof", "deadline": "2025-04-04"}
    ]
    assert sub.payload["language"] == "zh_CN"
    assert sub.payload["delivery"] == "pickup"
    with pytest.raises(NotFoundError):
        store.drafts.get(handle.draft_id)
    again = service.submit(handle.draft_id, resident(), "zh_CN")
    assert again.repeated and again.tracking_number == result.tracking_number
    assert len(printer.printed) == 1
    assert store.db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1


def test_submit_again_after_a_restart_finds_the_first_case(
    store: Store, clock: FakeClock, printer: FakePrinter
) -> None:
    first_process = make_service(store, clock, printer)
    handle = first_process.start(resident(), EMPLOYMENT, "zh_CN")
    fill_employment(first_process, handle.draft_id)
    result = first_process.submit(handle.draft_id, resident(), "zh_CN")
    restarted = make_service(store, clock, printer)  # no in-memory memory of the submit
    again = restarted.submit(handle.draft_id, resident(), "zh_CN")
    assert again.repeated
    assert again.tracking_number == result.tracking_number
    assert again.receipt == result.receipt
    assert again.printed
    assert len(printer.printed) == 1
    assert store.db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("fault", "key"),
    [("paper_out", "error.printer.paper_out"), ("offline", "error.printer.offline")],
)
def test_printer_trouble_keeps_the_case_and_the_receipt(
    service: JourneyService, store: Store, printer: FakePrinter, fault: str, key: str
) -> None:
    setattr(printer, fault, True)
    handle = service.start(resident(), EMPLOYMENT, "en")
    fill_employment(service, handle.draft_id)
    result = service.submit(handle.draft_id, resident(), "en")
    assert not result.printed and result.print_reason_key == key
    assert store.submissions.by_tracking_number(result.tracking_number)
    assert service.unprinted_receipts() == [result.tracking_number]
    row = store.receipts.get(result.tracking_number)
    assert row is not None and row.content is not None
    assert receipt_from_json(row.content) == result.receipt
    setattr(printer, fault, False)
    assert service.reprint(result.tracking_number).printed
    assert printer.printed == [result.receipt]
    assert service.unprinted_receipts() == []


def test_unresolved_required_material_is_routed_to_the_window(
    service: JourneyService, printer: FakePrinter
) -> None:
    handle = service.start(resident(), EMPLOYMENT, "zh_CN")
    fill_employment(service, handle.draft_id)
    result = service.submit(handle.draft_id, resident(), "zh_CN")
    assert result.window_materials == ("employment_proof",)
    assert result.receipt is not None
    assert any("窗口" in step for step in result.receipt.next_steps)


def test_reprint_unknown_case(service: JourneyService) -> None:
    with pytest.raises(NotFoundError):
        service.reprint("LX01-250314-0001-0")
