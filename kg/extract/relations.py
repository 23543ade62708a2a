"""From dependency matches to relation candidates: the handler of each pattern.

Each pattern in :mod:`kg.extract.patterns` has a handler (in
:mod:`kg.extract.meetings` or :mod:`kg.extract.signings`) that collects the
arguments of its trigger and resolves them to actors; :mod:`kg.extract` turns
the :class:`Candidate` objects into facts with a status, a date and a place.
"""
from __future__ import annotations

from kg.extract.arguments import Candidate, has_call_marker
from kg.extract.meetings import (bring_together, call_noun, call_on, call_verb, deep_with, hold_meeting,
                                 joint_discuss, meet_verb, meet_with, meeting_noun, speak_by_phone,
                                 welcome_noun)
from kg.extract.signings import (at_event, attend_verb, present, put_signature, sign_verb, signing_noun,
                                 take_part)

__all__ = ["HANDLERS", "Candidate", "has_call_marker"]

HANDLERS = {
    "meet_verb": meet_verb, "meet_with": meet_with, "joint_discuss": joint_discuss, "deep_with": deep_with,
    "hold_meeting": hold_meeting, "led_into_meeting": hold_meeting, "meeting_noun": meeting_noun, "meeting_noun_on_verb": meeting_noun,
    "call_on": call_on, "bring_together": bring_together,
    "sign_verb": sign_verb, "put_signature": put_signature, "signing_noun": signing_noun, "attend_verb": attend_verb,
    "take_part": take_part, "present": present, "call_noun": call_noun, "call_verb": call_verb,
    "speak_by_phone": speak_by_phone, "at_event": at_event, "welcome_noun": welcome_noun,
}
