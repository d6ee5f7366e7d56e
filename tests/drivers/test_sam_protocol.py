"""GA/T 467 frame protocol: exact bytes, the incremental parser under noise, the status table."""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.idcard import protocol as p
from kiosk.errors import CardReadError, CardUnsupportedError


def test_find_card_frame_matches_the_specification_example() -> None:
    assert p.FIND_CARD.frame() == bytes.fromhex("AA AA AA 96 69 00 03 20 01 22")
    assert p.build_request(0x20, 0x01) == bytes.fromhex("AAAAAA9669 0003 2001 22")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (p.RESET_SAM, "AAAAAA9669 0003 10FF EC"),
        (p.SAM_STATUS, "AAAAAA9669 0003 11FF ED"),
        (p.SAM_ID, "AAAAAA9669 0003 12FF EE"),
        (p.SELECT_CARD, "AAAAAA9669 0003 2002 21"),
        (p.READ_TEXT_PHOTO, "AAAAAA9669 0003 3001 32"),
        (p.READ_APPENDED_ADDRESS, "AAAAAA9669 0003 3003 30"),
        (p.READ_TEXT_PHOTO_FINGERPRINT, "AAAAAA9669 0003 3010 23"),
    ],
)
def test_every_command_frame(command: p.Command, expected: str) -> None:
    assert command.frame() == bytes.fromhex(expected)
    assert p.COMMANDS[(command.cmd, command.para)] is command


def test_response_length_counts_status_data_and_checksum() -> None:
    frame = p.build_response(0x90, b"\x01\x02")
    assert frame[:5] == p.PREAMBLE
    assert frame[5:7] == b"\x00\x06"  # SW1 SW2 SW3 + 2 data + CHK
    assert frame[-1] == 0x00 ^ 0x06 ^ 0x00 ^ 0x00 ^ 0x90 ^ 0x01 ^ 0x02


@given(st.binary(max_size=3000))
def test_xor_checksum_equals_the_naive_fold(data: bytes) -> None:
    assert p.xor_checksum(data) == functools.reduce(operator.xor, data, 0)


def _drain(parser: p.FrameParser) -> list[p.Response | p.FrameError]:
    out: list[p.Response | p.FrameError] = []
    while True:
        try:
            got = parser.next_response()
        except p.FrameError as err:
            out.append(err)
            continue
        if got is None:
            return out
        out.append(got)


responses = st.builds(
    p.Response,
    sw1=st.integers(0, 255),
    sw2=st.integers(0, 255),
    sw3=st.integers(0, 255),
    data=st.binary(max_size=1500),
)
garbage = st.binary(max_size=40).filter(lambda g: p.PREAMBLE not in g)


@settings(max_examples=150, deadline=None)
@given(
    frames=st.lists(st.tuples(garbage, responses), min_size=1, max_size=6),
    tail=garbage,
    cuts=st.lists(st.integers(0, 20000), max_size=12),
)
def test_frames_in_random_chunks_with_garbage_parse_back_identically(
    frames: list[tuple[bytes, p.Response]], tail: bytes, cuts: list[int]
) -> None:
    stream = b"".join(
        noise + p.build_response(r.sw3, r.data, sw1=r.sw1, sw2=r.sw2) for noise, r in frames
    )
    stream += tail
    points = sorted({0, len(stream), *(c % (len(stream) + 1) for c in cuts)})
    parser = p.FrameParser()
    got: list[p.Response | p.FrameError] = []
    for a, b in itertools.pairwise(points):
        parser.feed(stream[a:b])
        got.extend(_drain(parser))
    assert got == [r for _, r in frames]


@settings(max_examples=300)
@given(chunks=st.lists(st.binary(max_size=64), max_size=20), seed_frame=st.booleans())
def test_random_bytes_only_ever_raise_the_protocol_error(
    chunks: list[bytes], seed_frame: bool
) -> None:
    parser = p.FrameParser()
    if seed_frame:  # make preambles with random lengths likely
        chunks = [p.PREAMBLE + c for c in chunks]
    for chunk in chunks:
        parser.feed(chunk)
        for item in _drain(parser):
            assert isinstance(item, p.Response | p.FrameError)
    with contextlib.suppress(p.FrameError):
        parser.flush()
    assert parser.next_response() is None


def test_bad_checksum_is_rejected_and_the_next_frame_still_parses() -> None:
    good = p.build_response(0x90, b"ok")
    bad = bytearray(p.build_response(0x90, b"xy"))
    bad[-1] ^= 0xFF
    parser = p.FrameParser()
    parser.feed(bytes(bad) + good)
    with pytest.raises(p.ChecksumError) as info:
        parser.next_response()
    assert isinstance(info.value, CardReadError)
    assert info.value.params == {"reason": "checksum"}
    assert parser.next_response() == p.Response(0, 0, 0x90, b"ok")


@pytest.mark.parametrize("length", [b"\xff\xff", b"\x10\x01", b"\x00\x02", b"\x00\x00"])
def test_impossible_lengths_are_rejected_without_waiting_for_data(length: bytes) -> None:
    parser = p.FrameParser()
    parser.feed(p.PREAMBLE + length + b"\x00\x00\x90" + p.build_response(0x9F, bytes(4)))
    with pytest.raises(p.FrameLengthError):
        parser.next_response()
    assert parser.next_response() == p.Response(0, 0, 0x9F, bytes(4))


def test_the_largest_legal_reply_is_accepted() -> None:
    data = bytes(6 + 256 + 1024 + 1024)
    frame = p.build_response(0x90, data)
    assert len(frame) == 2321  # 30 10 reply with fingerprint block
    parser = p.FrameParser()
    parser.feed(frame)
    reply = parser.next_response()
    assert reply is not None
    assert reply.data == data


def test_truncated_frame_is_reported_on_flush_and_the_buffer_starts_clean() -> None:
    frame = p.build_response(0x90, bytes(100))
    parser = p.FrameParser()
    parser.feed(b"\x01\x02" + frame[:50])
    assert parser.next_response() is None
    assert parser.pending
    with pytest.raises(p.TruncatedFrameError):
        parser.flush()
    assert not parser.pending
    parser.feed(frame)
    assert parser.next_response() == p.Response(0, 0, 0x90, bytes(100))


def test_truncated_frame_followed_by_a_longer_frame_costs_only_the_broken_one() -> None:
    short = p.build_response(0x90, bytes(20))[:15]
    good = p.build_response(0x90, bytes(range(200)))
    parser = p.FrameParser()
    parser.feed(short + good)
    results = _drain(parser)
    assert isinstance(results[0], p.FrameError)
    assert results[-1] == p.Response(0, 0, 0x90, bytes(range(200)))


def test_flush_without_a_started_frame_is_silent() -> None:
    parser = p.FrameParser()
    parser.feed(b"\x00\xaa\xaa")
    parser.flush()
    assert parser.next_response() is None


def test_preamble_split_across_feeds_is_found() -> None:
    frame = p.build_response(0x9F, bytes(4))
    parser = p.FrameParser()
    for i in range(len(frame)):
        parser.feed(frame[i : i + 1])
        got = parser.next_response()
        if i < len(frame) - 1:
            assert got is None
    assert got == p.Response(0, 0, 0x9F, bytes(4))
    assert parser.discarded == 0


def test_request_parsing_for_the_emulator_side() -> None:
    parser = p.FrameParser()
    parser.feed(p.build_request(0x30, 0x10, b"\x01"))
    assert parser.next_request() == p.Request(0x30, 0x10, b"\x01")


LISTED = [0x90, 0x9F, 0x80, 0x81, 0x10, 0x11, 0x21, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47]


@pytest.mark.parametrize("code", [*LISTED, 0x60, 0x66])
def test_every_documented_status_is_in_the_table(code: int) -> None:
    status = p.status_of(code)
    assert status.code == code
    assert status.kind is not p.StatusKind.UNKNOWN
    assert status.name != "unknown_status"


def test_status_kinds_drive_the_reader() -> None:
    assert p.status_of(0x90).kind is p.StatusKind.OK
    assert p.status_of(0x9F).kind is p.StatusKind.OK
    assert p.status_of(0x80).kind is p.StatusKind.NO_CARD
    assert p.status_of(0x41).kind is p.StatusKind.CARD_FAILED
    assert p.status_of(0x40).kind is p.StatusKind.CARD_UNSUPPORTED
    assert p.status_of(0x60).kind is p.StatusKind.READER_FAULT
    assert p.status_of(0x66).kind is p.StatusKind.READER_FAULT
    assert p.status_of(0x10).kind is p.StatusKind.LINK


@given(st.integers(0, 255).filter(lambda c: c not in [*LISTED, 0x60, 0x66]))
def test_0x91_and_unknown_codes_map_to_a_safe_unknown_status(code: int) -> None:
    status = p.status_of(code)
    assert status.kind is p.StatusKind.UNKNOWN
    assert status.message_key == "error.card.unreadable"
    error = p.error_for_status(status)
    assert type(error) is CardReadError
    assert error.params == {"sw3": f"{code:02X}"}


def test_unknown_status_covers_0x91_explicitly() -> None:
    assert p.status_of(0x91).kind is p.StatusKind.UNKNOWN


def test_wrong_card_becomes_unsupported_error() -> None:
    error = p.error_for_status(p.status_of(0x40))
    assert isinstance(error, CardUnsupportedError)
    assert error.key == "error.card.unsupported"
