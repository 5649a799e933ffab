"""Properties of check_hours (公務員服務法第12條, 勞動基準法第32條、第34條、第36條), with hypothesis:
the order of shifts never matters, cutting a shift in two at any minute changes nothing,
and the vectorised engine agrees with the plain per-shift loop."""

from datetime import datetime, timedelta

from hypothesis import given, settings, strategies as st

from chaiqin import rules

BASE = datetime(2026, 1, 5)
CONFIGS = [
    ("civil", {}),
    ("civil", {"exception": True}),
    ("teacher", {}),
    ("labor", {}),
    ("labor", {"agreement": True, "quarter_start_month": 2}),
    ("labor", {"schedule": "four_week"}),
]


@st.composite
def shift(draw, persons=3, days=70):
    start = BASE + timedelta(minutes=15 * draw(st.integers(0, days * 96)))
    length = draw(st.integers(15, 16 * 60))
    brk = draw(st.sampled_from([0, 0, 30, 60])) if length > 60 else 0
    return rules.Shift(
        draw(st.integers(0, persons - 1)), start, start + timedelta(minutes=length),
        draw(st.sampled_from(["regular", "overtime"])), brk,
        draw(st.sampled_from(["workday", "workday", "rest_day", "holiday", "regular_day_off"])),
        draw(st.booleans()),
    )


shift_lists = st.lists(shift(), min_size=1, max_size=120)
config = st.sampled_from(CONFIGS)


@settings(max_examples=150, deadline=None)
@given(shift_lists, config, st.randoms())
def test_the_order_of_the_shifts_never_changes_the_result(shifts, cfg, rnd):
    regime, kw = cfg
    shuffled = list(shifts)
    rnd.shuffle(shuffled)
    assert rules.check_hours(regime, shuffled, **kw) == rules.check_hours(regime, shifts, **kw)


def non_overlapping(shifts):
    """Keep, per person, shifts that do not overlap an earlier kept one (touching is fine)."""
    kept, ends = [], {}
    for sh in sorted(shifts, key=lambda s: (s.person, s.start)):
        if sh.start >= ends.get(sh.person, datetime.min):
            kept.append(sh)
            ends[sh.person] = sh.end
    return kept


@settings(max_examples=150, deadline=None)
@given(shift_lists, config, st.data())
def test_cutting_a_shift_in_two_at_any_minute_changes_nothing(shifts, cfg, data):
    # 公務員服勤實施辦法第6條: the pieces stay in one block, on the day the block started.
    regime, kw = cfg
    shifts = non_overlapping(shifts)
    i = data.draw(st.integers(0, len(shifts) - 1))
    sh = shifts[i]
    minutes = int((sh.end - sh.start).total_seconds() // 60)
    if minutes < 2:
        return
    cut = data.draw(st.integers(1, minutes - 1))
    # Share the unpaid break between the pieces, each piece keeping a break not longer than itself.
    first_brk = data.draw(st.integers(max(0, sh.break_minutes - (minutes - cut)), min(sh.break_minutes, cut)))
    mid = sh.start + timedelta(minutes=cut)
    pieces = [sh._replace(end=mid, break_minutes=first_brk),
              sh._replace(start=mid, break_minutes=sh.break_minutes - first_brk)]
    cut_shifts = shifts[:i] + pieces + shifts[i + 1:]
    assert rules.check_hours(regime, cut_shifts, **kw) == rules.check_hours(regime, shifts, **kw)


@settings(max_examples=300, deadline=None)
@given(shift_lists, config)
def test_the_vectorised_engine_agrees_with_the_per_shift_loop(shifts, cfg):
    regime, kw = cfg
    assert rules.check_hours(regime, shifts, **kw) == rules.check_hours_loop(regime, shifts, **kw)


@settings(max_examples=40, deadline=None)
@given(st.lists(shift(persons=40, days=400), min_size=200, max_size=600), config)
def test_the_engines_agree_on_many_people_over_more_than_a_year(shifts, cfg):
    regime, kw = cfg
    assert rules.check_hours(regime, shifts, **kw) == rules.check_hours_loop(regime, shifts, **kw)


def test_the_engines_agree_when_the_grid_is_cut_into_chunks(monkeypatch):
    # The dense person × day grid is processed in chunks of persons; chunk edges must not matter.
    import random

    from chaiqin.rules import hours

    rnd = random.Random(7)
    shifts = []
    for _ in range(800):
        start = BASE + timedelta(minutes=15 * rnd.randrange(0, 60 * 96))
        shifts.append(rules.Shift(rnd.randrange(50), start, start + timedelta(minutes=rnd.randrange(30, 900)),
                                  rnd.choice(["regular", "overtime"]), 0, rnd.choice(["workday", "rest_day"])))
    whole = rules.check_hours("labor", shifts)
    monkeypatch.setattr(hours, "CHUNK_CELLS", 200)
    assert rules.check_hours("labor", shifts) == whole == rules.check_hours_loop("labor", shifts)
    assert whole  # the data does break rules, so the comparison is not of two empty lists
