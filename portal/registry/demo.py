"""Demo data of the registry for ``load_demo_data``: idempotent, built through services.

Profiles for the four demo accounts (completed through the same onboarding
service a learner goes through, with consent), and about twenty participants
of a regional workshop from the five countries, as if imported from the
secretariat's sign-in sheet, so that reports have people to count. The
courses app enrols them in cohorts.
"""

from django.db import transaction

from portal.accounts.models import User

from .models import Participant
from .services import participant_create, participant_onboard

REASON = "Demo data"

# (e-mail, profile) for the demo accounts; the learner's own script is
# Mongolian Cyrillic.
ACCOUNT_PROFILES = {
    "learner@example.org": {
        "given_name": "Oyunchimeg",
        "family_name": "Batbayar",
        "native_name": "Батбаяр Оюунчимэг",
        "gender": "woman",
        "birth_year": 1999,
        "country": "MN",
        "organisation": "Khan Khentii Strictly Protected Area Administration",
        "organisation_type": "protected_area",
        "position": "Ranger and bird monitor",
        "career_stage": "early",
    },
    "instructor@example.org": {
        "given_name": "Kenji",
        "family_name": "Yamamoto",
        "native_name": "山本 健二",
        "gender": "man",
        "birth_year": 1978,
        "country": "JP",
        "organisation": "Hokkaido University",
        "organisation_type": "academia",
        "position": "Associate professor, wetland ecology",
        "career_stage": "senior",
    },
    "secretariat@example.org": {
        "given_name": "Seo-yeon",
        "family_name": "Park",
        "native_name": "박서연",
        "gender": "woman",
        "birth_year": 1986,
        "country": "KR",
        "organisation": "Regional programme secretariat",
        "organisation_type": "international",
        "position": "Programme officer",
        "career_stage": "mid",
    },
    "admin@example.org": {
        "given_name": "Portal",
        "family_name": "Administrator",
        "gender": "undisclosed",
        "organisation": "Regional programme secretariat",
        "organisation_type": "international",
        "position": "Portal administrator",
    },
}

# Workshop participants without accounts: (e-mail, given, family, own script,
# gender, birth year, country, organisation, organisation type, position).
WORKSHOP_PARTICIPANTS = [
    (
        "bolormaa.ts@example.org",
        "Bolormaa",
        "Tserendorj",
        "Цэрэндорж Болормаа",
        "woman",
        1997,
        "MN",
        "Wildlife Science and Conservation Center of Mongolia",
        "ngo",
        "Research assistant",
    ),
    (
        "enkhbat.g@example.org",
        "Enkhbat",
        "Ganbold",
        "Ганболд Энхбат",
        "man",
        1994,
        "MN",
        "Ministry of Environment and Tourism",
        "government",
        "Specialist, protected areas",
    ),
    (
        "nomin.d@example.org",
        "Nomin",
        "Dorj",
        "Дорж Номин",
        "woman",
        2001,
        "MN",
        "National University of Mongolia",
        "academia",
        "MSc student",
    ),
    (
        "tuvshin.b@example.org",
        "Tuvshinjargal",
        "Bat-Erdene",
        "Бат-Эрдэнэ Түвшинжаргал",
        "man",
        1989,
        "MN",
        "Khurkh Bird Ringing Station",
        "ngo",
        "Station coordinator",
    ),
    (
        "sarnai.o@example.org",
        "Sarnai",
        "Otgonbayar",
        "Отгонбаяр Сарнай",
        "undisclosed",
        None,
        "MN",
        "Mongol Daguur Strictly Protected Area",
        "protected_area",
        "Ranger",
    ),
    (
        "li.na@example.org",
        "Na",
        "Li",
        "李娜",
        "woman",
        1996,
        "CN",
        "Beijing Forestry University",
        "academia",
        "PhD candidate",
    ),
    (
        "zhang.wei@example.org",
        "Wei",
        "Zhang",
        "张伟",
        "man",
        1992,
        "CN",
        "Poyang Lake National Nature Reserve",
        "protected_area",
        "Monitoring officer",
    ),
    (
        "chen.jing@example.org",
        "Jing",
        "Chen",
        "陈静",
        "woman",
        1999,
        "CN",
        "Shanghai Chongming Dongtan Nature Reserve",
        "protected_area",
        "Field technician",
    ),
    (
        "wang.hao@example.org",
        "Hao",
        "Wang",
        "王浩",
        "man",
        1985,
        "CN",
        "Zhalong National Nature Reserve",
        "government",
        "Deputy director",
    ),
    (
        "sato.yui@example.org",
        "Yui",
        "Sato",
        "佐藤 結衣",
        "woman",
        1998,
        "JP",
        "Izumi City Crane Observation Centre",
        "government",
        "Crane census staff",
    ),
    (
        "tanaka.sho@example.org",
        "Sho",
        "Tanaka",
        "田中 翔",
        "man",
        1995,
        "JP",
        "Yamashina Institute for Ornithology",
        "academia",
        "Researcher",
    ),
    (
        "suzuki.aoi@example.org",
        "Aoi",
        "Suzuki",
        "鈴木 葵",
        "another",
        2000,
        "JP",
        "Wild Bird Society of Japan",
        "ngo",
        "Volunteer coordinator",
    ),
    (
        "kim.minjun@example.org",
        "Minjun",
        "Kim",
        "김민준",
        "man",
        1993,
        "KR",
        "National Institute of Biological Resources",
        "academia",
        "Research scientist",
    ),
    (
        "lee.jiwoo@example.org",
        "Jiwoo",
        "Lee",
        "이지우",
        "woman",
        1997,
        "KR",
        "Cheorwon Crane Network",
        "community",
        "Community monitor",
    ),
    (
        "choi.seoyun@example.org",
        "Seoyun",
        "Choi",
        "최서윤",
        "woman",
        1990,
        "KR",
        "Korea National Park Service",
        "protected_area",
        "Ranger",
    ),
    (
        "ivanova.a@example.org",
        "Anna",
        "Ivanova",
        "Анна Иванова",
        "woman",
        1996,
        "RU",
        "Muraviovka Park for Sustainable Land Use",
        "ngo",
        "Environmental educator",
    ),
    (
        "smirnov.d@example.org",
        "Dmitry",
        "Smirnov",
        "Дмитрий Смирнов",
        "man",
        1988,
        "RU",
        "Daursky State Nature Biosphere Reserve",
        "protected_area",
        "Senior researcher",
    ),
    (
        "kuznetsova.e@example.org",
        "Ekaterina",
        "Kuznetsova",
        "Екатерина Кузнецова",
        "woman",
        2002,
        "RU",
        "Far Eastern Federal University",
        "academia",
        "BSc student",
    ),
    (
        "popov.i@example.org",
        "Ilya",
        "Popov",
        "Илья Попов",
        "man",
        1979,
        "RU",
        "Khingansky State Nature Reserve",
        "government",
        "Deputy director for science",
    ),
    (
        "odgerel.s@example.org",
        "Odgerel",
        "Sukhbaatar",
        "Сүхбаатар Одгэрэл",
        "woman",
        1991,
        "MN",
        "Eco-Tour Mongolia LLC",
        "private",
        "Guide",
    ),
]


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


@transaction.atomic
def load(*, password: str, stdout=None) -> None:
    """Create the registry's demo data; running it again changes nothing."""
    for email, profile in ACCOUNT_PROFILES.items():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            continue
        existing = Participant.objects.filter(user=user).first()
        if existing is not None and existing.is_profile_complete:
            continue
        participant_onboard(user=user, **profile)

    created = 0
    for row in WORKSHOP_PARTICIPANTS:
        email, given, family, native, gender, year, country, org, org_type, position = row
        if Participant.objects.filter(email__iexact=email).exists():
            continue
        participant_create(
            acting_user=None,
            reason=REASON,
            email=email,
            given_name=given,
            family_name=family,
            native_name=native,
            gender=gender,
            birth_year=year,
            country=country,
            organisation=org,
            organisation_type=org_type,
            position=position,
        )
        created += 1
    _write(stdout, f"Registry: {Participant.objects.count()} participants ({created} new).")
