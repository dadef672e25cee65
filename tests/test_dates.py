"""Event dates resolved against the publication date (CODEBOOK s. 4)."""

from detente.dates import resolve


def test_weekday_is_the_last_one_on_or_before_publication():
    assert resolve("met on Thursday".split(), "2025-04-18") == ("2025-04-17", "day")


def test_yesterday_and_today():
    assert resolve("spoke yesterday".split(), "2022-04-28") == ("2022-04-27", "day")
    assert resolve("announced today".split(), "2022-04-28") == ("2022-04-28", "day")


def test_month_day_in_the_past_year_when_later_than_publication():
    assert resolve("On April 5 they met".split(), "2022-04-07") == ("2022-04-05", "day")
    assert resolve("On December 30 they met".split(), "2022-01-03") == ("2021-12-30", "day")


def test_no_clue_gives_publication_date_and_no_date_gives_none():
    assert resolve("they met".split(), "2022-04-07") == ("2022-04-07", "publication")
    assert resolve("they met".split(), None) == (None, None)
