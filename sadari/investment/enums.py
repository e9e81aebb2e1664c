"""Investment enums: round types, currencies, investor types, intro and notification states,
data-room document kinds, and the error codes services raise."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoundType(models.TextChoices):
    ANGEL = "angel", _("Angel")
    SEED = "seed", _("Seed")
    PRE_A = "pre_a", _("Pre-Series A")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C+")
    BRIDGE = "bridge", _("Bridge")
    GRANT = "grant", _("Grant")
    TIPS = "tips", _("TIPS program investment")
    VENTURE = "venture", _("Venture (unspecified)")
    PRIVATE_EQUITY = "private_equity", _("Private equity")
    OTHER = "other", pgettext_lazy("round type", "Other")


# Rounds in the order a company usually raises them (statistics and theses use it).
STAGE_ORDER: tuple[str, ...] = (
    RoundType.ANGEL, RoundType.SEED, RoundType.TIPS, RoundType.PRE_A, RoundType.SERIES_A,
    RoundType.BRIDGE, RoundType.SERIES_B, RoundType.SERIES_C, RoundType.VENTURE,
    RoundType.PRIVATE_EQUITY, RoundType.GRANT, RoundType.OTHER,
)  # fmt: skip


class Currency(models.TextChoices):
    KRW = "KRW", _("Korean won")
    USD = "USD", _("US dollar")
    EUR = "EUR", _("Euro")
    JPY = "JPY", _("Japanese yen")
    CNY = "CNY", _("Chinese yuan")


class RoundSource(models.TextChoices):
    MANUAL = "manual", _("Entered on Sadari")
    FEDERATION = "federation", _("Institution feed")
    DEMO = "demo", _("Demo data")
    CRUNCHBASE = "crunchbase-2013", _("Crunchbase 2013 (CC-BY)")
    VCS = "vcs", _("VCS portal (Korea Venture Investment Corp.)")


class InvestorType(models.TextChoices):
    VC = "vc", _("Venture capital")
    CVC = "cvc", _("Corporate venture capital")
    ACCELERATOR = "accelerator", _("Accelerator")
    ANGEL = "angel", _("Angel")
    PUBLIC_FUND = "public_fund", _("Public fund")


class Region(models.TextChoices):
    """Where a company is: Korea's metropolitan cities and provinces, or abroad."""

    SEOUL = "seoul", _("Seoul")
    GYEONGGI = "gyeonggi", _("Gyeonggi")
    INCHEON = "incheon", _("Incheon")
    BUSAN = "busan", _("Busan")
    DAEGU = "daegu", _("Daegu")
    GWANGJU = "gwangju", _("Gwangju")
    DAEJEON = "daejeon", _("Daejeon")
    ULSAN = "ulsan", _("Ulsan")
    SEJONG = "sejong", _("Sejong")
    GANGWON = "gangwon", _("Gangwon")
    CHUNGBUK = "chungbuk", _("North Chungcheong")
    CHUNGNAM = "chungnam", _("South Chungcheong")
    JEONBUK = "jeonbuk", _("North Jeolla")
    JEONNAM = "jeonnam", _("South Jeolla")
    GYEONGBUK = "gyeongbuk", _("North Gyeongsang")
    GYEONGNAM = "gyeongnam", _("South Gyeongsang")
    JEJU = "jeju", _("Jeju")
    OVERSEAS = "overseas", _("Outside Korea")


_REGION_PREFIXES: tuple[tuple[str, str], ...] = (
    ("서울", Region.SEOUL), ("경기", Region.GYEONGGI), ("인천", Region.INCHEON),
    ("부산", Region.BUSAN), ("대구", Region.DAEGU), ("광주", Region.GWANGJU),
    ("대전", Region.DAEJEON), ("울산", Region.ULSAN), ("세종", Region.SEJONG),
    ("강원", Region.GANGWON), ("충청북", Region.CHUNGBUK), ("충북", Region.CHUNGBUK),
    ("충청남", Region.CHUNGNAM), ("충남", Region.CHUNGNAM), ("전라북", Region.JEONBUK),
    ("전북", Region.JEONBUK), ("전라남", Region.JEONNAM), ("전남", Region.JEONNAM),
    ("경상북", Region.GYEONGBUK), ("경북", Region.GYEONGBUK), ("경상남", Region.GYEONGNAM),
    ("경남", Region.GYEONGNAM), ("제주", Region.JEJU), ("seoul", Region.SEOUL),
    ("gyeonggi", Region.GYEONGGI), ("incheon", Region.INCHEON), ("busan", Region.BUSAN),
)  # fmt: skip

# Goyang, Seongnam … are in Gyeonggi even when the province is left out.
_GYEONGGI_CITIES = ("고양", "성남", "수원", "용인", "안양", "부천", "화성", "판교", "파주", "김포")


def region_of(city: str) -> str:
    """The region code of an organization's ``city`` ("서울특별시" → "seoul"); "" when empty;
    a city that is not Korean ("San Francisco") is "overseas"."""
    text = (city or "").strip()
    if not text:
        return ""
    lowered = text.casefold()
    for prefix, code in _REGION_PREFIXES:
        if lowered.startswith(prefix):
            return code
    if text.startswith(_GYEONGGI_CITIES):
        return Region.GYEONGGI
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return ""  # a Korean place we cannot place: unknown rather than abroad
    return Region.OVERSEAS


class IntroStatus(models.TextChoices):
    AT_INTRODUCER = "at_introducer", _("With the introducer")
    AT_INVESTOR = "at_investor", _("With the investor")
    ACCEPTED = "accepted", _("Accepted — contacts shared")
    DECLINED = "declined", _("Declined by the investor")
    NOT_FORWARDED = "not_forwarded", _("Not forwarded by the introducer")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_INTRO_STATUSES = (IntroStatus.AT_INTRODUCER, IntroStatus.AT_INVESTOR)


class DeclineReason(models.TextChoices):
    OUT_OF_THESIS = "out_of_thesis", _("Outside our thesis (stage, industry or region)")
    TOO_EARLY = "too_early", _("Too early for us")
    TOO_LATE = "too_late", _("Too late for us")
    TICKET = "ticket", _("The round size does not fit our ticket")
    CONFLICT = "conflict", _("Conflicts with a portfolio company")
    NO_CAPACITY = "no_capacity", _("No capacity right now")
    OTHER = "other", pgettext_lazy("reason", "Other")


class NotificationKind(models.TextChoices):
    INTRO_REQUESTED = "intro_requested", _("Intro requested")
    INTRO_FORWARDED = "intro_forwarded", _("Intro forwarded")
    INTRO_ACCEPTED = "intro_accepted", _("Intro accepted")
    INTRO_DECLINED = "intro_declined", _("Intro declined")
    INTRO_NOT_FORWARDED = "intro_not_forwarded", _("Intro not forwarded")
    DATAROOM_SHARED = "dataroom_shared", _("Data room shared")
    DATAROOM_REVOKED = "dataroom_revoked", _("Data room access revoked")
    ROUND_NAMED = "round_named", _("Named as an investor in a round")
    ROUND_DISOWNED = "round_disowned", _("An investor says it was not in the round")


class DocumentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"


class ErrorCode(models.TextChoices):
    """Machine-readable reasons a service refuses (the API returns them as ``code``)."""

    INTRO_LIMIT = "intro_limit_reached", _("Weekly intro limit reached")
    INTRO_DUPLICATE = "intro_already_open", _("An intro request to this investor is open")
    INTRO_STATE = "intro_wrong_state", _("The request is not waiting for this decision")
    INTRO_NOT_INVESTOR = "intro_not_an_investor", _("Not an investor")
    INTRO_INTRODUCER = "intro_bad_introducer", _("Not the startup's support institution")
    FILE_TYPE = "file_type", _("Not a PDF or XLSX file")
    FILE_SIZE = "file_too_large", _("File too large")
    FILE_UNREADABLE = "file_unreadable", _("File could not be read")
    GRANT_EXPIRY = "grant_expiry", _("Expiry must be in the future")
    GRANT_TARGET = "grant_target", _("Not an investor organization")
    ROUND_DATE = "round_date", _("The round's date is in the future or implausibly old")
    ROUND_DUPLICATE = "round_duplicate", _("This round is already recorded")
    ROUND_INVESTOR = "round_investor", _("Not an investor of the directory")
    ROUND_COMPANY = "round_company", _("Rounds are recorded for startups and corporates")
