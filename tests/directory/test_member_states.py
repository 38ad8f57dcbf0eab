"""The 193 member states and 2 observer states are public record: the data
migration must get them right."""

import datetime

import pycountry
import pytest

from directory.models import Membership, MemberState

pytestmark = pytest.mark.django_db


def test_totals():
    assert MemberState.objects.members().count() == 193
    assert MemberState.objects.observers().count() == 2
    assert set(MemberState.objects.observers().values_list("name", flat=True)) == {
        "Holy See",
        "State of Palestine",
    }


def test_members_per_m49_region():
    # UN M49 groups the 193 members as 54 in Africa, 35 in the Americas, 47 in Asia,
    # 43 in Europe and 14 in Oceania.
    counts = {
        region: MemberState.objects.members().filter(region=region).count()
        for region in ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    }
    assert counts == {"Africa": 54, "Americas": 35, "Asia": 47, "Europe": 43, "Oceania": 14}


@pytest.mark.parametrize(
    ("iso3", "iso2", "m49", "name", "admitted_on"),
    [
        ("FIN", "FI", "246", "Finland", datetime.date(1955, 12, 14)),
        ("IDN", "ID", "360", "Indonesia", datetime.date(1950, 9, 28)),
        ("RWA", "RW", "646", "Rwanda", datetime.date(1962, 9, 18)),
        ("URY", "UY", "858", "Uruguay", datetime.date(1945, 12, 18)),
        ("USA", "US", "840", "United States of America", datetime.date(1945, 10, 24)),
        ("DEU", "DE", "276", "Germany", datetime.date(1973, 9, 18)),
        ("KOR", "KR", "410", "Republic of Korea", datetime.date(1991, 9, 17)),
        ("TUR", "TR", "792", "Türkiye", datetime.date(1945, 10, 24)),
        ("CHE", "CH", "756", "Switzerland", datetime.date(2002, 9, 10)),
        ("MNE", "ME", "499", "Montenegro", datetime.date(2006, 6, 28)),
        ("SSD", "SS", "728", "South Sudan", datetime.date(2011, 7, 14)),
        ("CZE", "CZ", "203", "Czechia", datetime.date(1993, 1, 19)),
        ("NLD", "NL", "528", "Netherlands (Kingdom of the)", datetime.date(1945, 12, 10)),
    ],
)
def test_sample_of_codes_and_admission_dates(iso3, iso2, m49, name, admitted_on):
    state = MemberState.objects.get(iso3=iso3)
    assert (state.iso2, state.m49, state.name, state.admitted_on) == (iso2, m49, name, admitted_on)
    assert state.membership == Membership.MEMBER


def test_observer_states_have_no_admission_date():
    palestine = MemberState.objects.get(iso3="PSE")
    assert palestine.admitted_on is None
    assert palestine.observer_since == datetime.date(2012, 11, 29)
    assert MemberState.objects.get(iso3="VAT").observer_since == datetime.date(1964, 4, 6)


def test_every_code_agrees_with_iso_3166():
    """Each state's alpha-2, alpha-3 and numeric (= M49) codes are one ISO 3166 entry."""
    for state in MemberState.objects.all():
        country = pycountry.countries.get(alpha_3=state.iso3)
        assert country is not None, state.iso3
        assert (country.alpha_2, country.numeric) == (state.iso2, state.m49), state.iso3


def test_admission_dates_fall_within_un_history():
    first = datetime.date(1945, 10, 24)
    dates = MemberState.objects.members().values_list("admitted_on", flat=True)
    assert min(dates) == first
    assert max(dates) == datetime.date(2011, 7, 14)  # South Sudan, the newest member


@pytest.mark.parametrize("code", ["fin", "FI", "246", " Fin "])
def test_lookup_by_any_code(code):
    assert MemberState.objects.by_code(code).get().iso3 == "FIN"
