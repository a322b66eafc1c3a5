"""lib.ids: the one home of the GB 32100 / GB 11643 check digits (reviewer and generator)."""
import random

from dossier_review.lib.ids import (
    check_digit_error,
    credit_code_valid,
    id_kind,
    id_number_valid,
)
from dossier_review.samplegen import ids as gen_ids


def test_check_digits():
    assert id_number_valid("11010519491231002X")
    assert not id_number_valid("110105194912310021")
    assert credit_code_valid("91350100M000100Y43")
    assert not credit_code_valid("91350100M000100Y44")


def test_near_misses_of_form():
    # right check digit but no calendar date of birth; a letter GB 32100 does not use (O)
    assert not id_number_valid("110105194913310020")
    assert not credit_code_valid("91350100O000100Y43")
    assert check_digit_error("91350100M000100Y44", "credit_code") == "校验码应为“3”，实为“4”"
    assert check_digit_error("91350100M000100Y43", "credit_code") is None
    assert id_kind("11010519491231002X") == "id_card"
    assert id_kind("913201067997064411", "credit_code") == "credit_code"


def test_generator_makes_numbers_the_reviewer_accepts():
    rng = random.Random(7)
    for _ in range(50):
        code = gen_ids.make_credit_code(rng, "350100")
        assert credit_code_valid(code) and check_digit_error(code, "credit_code") is None
        bad = gen_ids.corrupt_check_char(code, rng)
        assert not credit_code_valid(bad)
