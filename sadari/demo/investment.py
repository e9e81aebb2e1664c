"""Investment demo data: theses and funds of the 16 VCs/accelerators (real names, plausible
but invented theses, flagged as demo data), intro requests in every state, and the founder's
data room with a generated IR deck (PDF, made here with reportlab) and a financials workbook,
shared with the demo investor's firm.

Deterministic for a seed; dates are relative to the day it runs. Intro requests, grants and
notifications are written directly (the services would e-mail the demo accounts on every
seed); documents go through ``document_upload`` (type sniffing, hashing). The founder's own
requests are dated more than a week back, so the weekly limit leaves the demo walk free.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import openpyxl
from django.db import transaction
from django.utils import timezone

from sadari.accounts.models import User
from sadari.demo import institutions as inst
from sadari.directory.models import Organization
from sadari.investment.enums import IntroStatus, NotificationKind, RoundSource
from sadari.investment.models import (
    DataRoomGrant,
    Fund,
    FundingRound,
    IntroRequest,
    InvestorProfile,
    Notification,
)
from sadari.investment.services import dataroom_for_startup, document_upload
from sadari.investment.watermark import simple_pdf

Log = Callable[[str], None]
EOK = 100_000_000

# key: (type, stages, industries, regions, ticket from/to in 억, vintage, fund size in 억, thesis)
Thesis = tuple[
    str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[float, float], int, int, str, str
]
THESES: dict[str, Thesis] = {
    "vc_kakao": ("cvc", ("seed", "pre_a", "series_a"), ("ai", "software", "fintech", "content", "drone"),
                 ("seoul", "gyeonggi"), (5, 30), 2023, 1500,
                 "기술로 일상의 문제를 푸는 초기 팀에 첫 기관 투자자로 참여합니다.",
                 "First institutional money for early teams solving everyday problems with technology."),
    "ac_sparklabs": ("accelerator", ("angel", "seed"), ("software", "commerce", "ai"), ("seoul",),
                     (0.5, 2), 2022, 300, "데모데이 중심 배치 프로그램과 시드 투자.",
                     "Batch programme with a demo day, and seed investment."),
    "ac_primer": ("accelerator", ("seed",), ("software", "commerce", "edutech"), ("seoul",),
                  (0.5, 3), 2021, 200, "창업가 출신 파트너가 첫 투자와 실행을 돕습니다.",
                  "Former founders back the first round and help execute."),
    "ac_bluepoint": ("accelerator", ("seed", "pre_a", "tips"), ("robotics", "bio", "semiconductor", "climate", "drone"),
                     ("daejeon", "seoul"), (1, 10), 2023, 600, "딥테크 창업팀의 시드와 프리A.",
                     "Seed and pre-A for deep-tech teams."),
    "ac_futureplay": ("accelerator", ("seed", "pre_a"), ("ai", "robotics", "mobility", "bio"), ("seoul", "gyeonggi"),
                      (1, 10), 2022, 500, "기술 기반 팀을 발굴하고 함께 회사를 만듭니다.",
                      "Finds technical teams and builds companies with them."),
    "ac_cnttech": ("accelerator", ("angel", "seed", "tips"), ("foodtech", "commerce", "software"), ("seoul",),
                   (0.5, 3), 2023, 250, "푸드테크·커머스 초기 기업과 TIPS 추천.",
                   "Early foodtech and commerce companies, with TIPS recommendations."),
    "ac_schmidt": ("accelerator", ("seed", "pre_a"), ("software", "fintech", "proptech"), ("seoul",),
                   (2, 10), 2022, 400, "B2B 소프트웨어의 시드·프리A.",
                   "Seed and pre-A in B2B software."),
    "ac_snu": ("accelerator", ("seed", "tips"), ("bio", "semiconductor", "ai", "manufacturing"), ("seoul",),
               (1, 5), 2021, 300, "대학 연구실 기술의 사업화.",
               "Commercializing university lab technology."),
    "ac_k": ("accelerator", ("seed", "tips"), ("fintech", "software"), ("seoul",), (0.5, 3), 2022, 150,
             "핀테크 초기 기업 보육과 투자.", "Incubating and investing in early fintech."),
    "cvc_lotte": ("cvc", ("seed", "pre_a", "series_a"), ("commerce", "foodtech", "fashion", "mobility"),
                  ("seoul", "gyeonggi"), (3, 20), 2023, 800, "그룹 유통·식품 사업과 실증할 팀.",
                  "Teams that can run a PoC with the group's retail and food businesses."),
    "vc_altos": ("vc", ("series_a", "series_b", "series_c"), ("software", "commerce", "games", "content"),
                 ("seoul",), (30, 300), 2022, 3000, "시장을 바꾸는 소비자·소프트웨어 회사의 성장 투자.",
                 "Growth rounds of consumer and software companies that change a market."),
    "vc_shinhan": ("vc", ("pre_a", "series_a", "series_b"), ("fintech", "bio", "manufacturing", "climate"),
                   ("seoul", "gyeonggi", "busan"), (10, 100), 2023, 2000, "금융·바이오·제조 혁신.",
                   "Innovation in finance, bio and manufacturing."),
    "vc_capstone": ("vc", ("seed", "pre_a", "series_a"), ("software", "mobility", "proptech", "hrtech", "drone"),
                    ("seoul",), (5, 50), 2022, 1200, "초기부터 함께하는 기술 기업 투자.",
                    "Backing technology companies from the early rounds."),
    "vc_sopoong": ("vc", ("seed", "pre_a"), ("social", "climate", "foodtech"), ("seoul", "gyeonggi"),
                   (1, 10), 2022, 350, "도시·환경 문제를 푸는 임팩트 스타트업.",
                   "Impact startups solving urban and environmental problems."),
    "vc_yellowdog": ("vc", ("seed", "pre_a", "series_a"), ("social", "climate", "edutech"), ("seoul",),
                     (3, 30), 2021, 500, "사회 문제 해결과 성장을 함께 추구하는 기업.",
                     "Companies pursuing growth and solving social problems."),
    "vc_d3": ("vc", ("seed", "series_a"), ("social", "bio", "climate"), ("seoul",), (3, 30), 2022, 400,
              "임팩트 투자: 헬스케어·기후·포용.", "Impact investment: health care, climate, inclusion."),
}  # fmt: skip

INTRO_MESSAGES = (
    "드론 실시간 관제 솔루션으로 시리즈 A를 준비하고 있습니다. 올해 매출 12억 원, 공공 레퍼런스 3곳입니다.",
    "We are raising our next round; 40% quarter-on-quarter growth and two corporate PoCs.",
    "TIPS 선정 이후 후속 투자를 찾고 있습니다. 15분 통화 가능하실까요?",
)


def _orgs_by_key() -> dict[str, Organization]:
    names = {s.key: s.name_ko for s in inst.INVESTORS}
    found = {
        o.name_ko: o
        for o in Organization.objects.filter(kind="investor", name_ko__in=names.values()).order_by(
            "id"
        )
    }
    return {key: found[name] for key, name in names.items() if name in found}


def _theses(investors: dict[str, Organization], rng: random.Random) -> int:
    profiles = []
    funds = []
    for key, org in investors.items():
        kind, stages, industries, regions, ticket, vintage, size, ko, en = THESES[key]
        profiles.append(
            InvestorProfile(
                organization=org, investor_type=kind, thesis_stages=list(stages),
                thesis_industries=list(industries), thesis_regions=list(regions),
                ticket_min_krw=int(ticket[0] * EOK), ticket_max_krw=int(ticket[1] * EOK),
                fund_vintage=vintage, fund_size_krw=size * EOK, thesis_ko=ko, thesis_en=en,
                source=RoundSource.DEMO, is_fictional=True,
            )
        )  # fmt: skip
        for n in range(rng.choice((1, 2, 3))):
            year = vintage - 3 * n
            funds.append(
                Fund(
                    manager=org, name=f"{org.name_ko} {year} 투자조합 제{n + 1}호 (데모)",
                    size_krw=int(size * EOK * rng.uniform(0.4, 1.0)) // EOK * EOK,
                    established_on=timezone.localdate().replace(year=year, month=rng.randint(1, 12), day=1),
                    source=RoundSource.DEMO, is_fictional=True,
                )
            )  # fmt: skip
    InvestorProfile.objects.filter(organization__in=investors.values()).delete()
    InvestorProfile.objects.bulk_create(profiles)
    Fund.objects.bulk_create(funds)
    return len(profiles)


def _contact(user: Any, org: Organization) -> dict[str, str]:
    return {"name": str(user), "email": user.email, "phone": "", "organization": org.name_ko}


def _intros(
    rng: random.Random,
    investors: dict[str, Organization],
    founder: User | None,
    founder_org: Organization,
    investor_user: User | None,
) -> list[IntroRequest]:
    now = timezone.now()
    host = Organization.objects.filter(pk=founder_org.host_id).first()
    staff = User.objects.filter(username="staff").first()
    rows: list[tuple[IntroRequest, int]] = []

    def add(days_ago: int, **fields: Any) -> IntroRequest:
        intro = IntroRequest(requested_by=fields.pop("by", founder), is_fictional=True, **fields)
        rows.append((intro, days_ago))
        return intro

    # The founder's own requests, more than a week old (the weekly limit stays free).
    add(20, startup=founder_org, investor=investors["ac_primer"], message=INTRO_MESSAGES[0],
        status=IntroStatus.ACCEPTED, decided_at=now - timedelta(days=18),
        founder_contact=_contact(founder, founder_org) if founder else {},
        investor_contact={"name": "박선영", "email": "partner@primer.sadari-demo.example", "phone": "",
                          "organization": investors["ac_primer"].name_ko},
        decline_note="다음 주 화요일 오전에 뵙겠습니다.")  # fmt: skip
    add(15, startup=founder_org, investor=investors["ac_sparklabs"], message=INTRO_MESSAGES[0],
        status=IntroStatus.DECLINED, decline_reason="out_of_thesis", decided_at=now - timedelta(days=12),
        decline_note="드론 하드웨어는 현재 투자 범위 밖입니다.")  # fmt: skip
    add(9, startup=founder_org, investor=investors["ac_bluepoint"], introducer=host,
        message=INTRO_MESSAGES[2], status=IntroStatus.AT_INTRODUCER if host else IntroStatus.AT_INVESTOR)  # fmt: skip
    add(30, startup=founder_org, investor=investors["vc_altos"], message=INTRO_MESSAGES[1],
        status=IntroStatus.WITHDRAWN, decided_at=now - timedelta(days=29))  # fmt: skip
    # Other startups' requests waiting for the demo investor (its firm decides).
    others = list(
        Organization.objects.filter(kind="startup").exclude(pk=founder_org.pk).order_by("id")[:40]
    )
    rng.shuffle(others)
    others += [founder_org] * (6 - len(others))  # a tiny demo: the founder's startup stands in
    kakao = investors["vc_kakao"]
    for i, startup in enumerate(others[:3]):
        if startup == founder_org:
            continue
        add(2 + i, startup=startup, investor=kakao, message=INTRO_MESSAGES[(i + 1) % 3],
            status=IntroStatus.AT_INVESTOR, by=None)  # fmt: skip
    add(6, startup=others[3], investor=investors["vc_capstone"], message=INTRO_MESSAGES[1], by=None,
        status=IntroStatus.DECLINED, decline_reason="too_early", decided_at=now - timedelta(days=4))  # fmt: skip
    if host is not None and others[4] != founder_org:
        add(1, startup=others[4], investor=kakao, introducer=host, message=INTRO_MESSAGES[2], by=None,
            status=IntroStatus.AT_INVESTOR, forwarded_by=staff, forwarded_at=now - timedelta(hours=20),
            introducer_note="보육 중인 팀으로 추천합니다.")  # fmt: skip
    add(11, startup=others[5], investor=investors["vc_shinhan"], introducer=host,
        message=INTRO_MESSAGES[1], by=None, status=IntroStatus.NOT_FORWARDED, forwarded_by=staff,
        forwarded_at=now - timedelta(days=10), introducer_note="IR 자료 보완 후 다시 요청해 주세요.")  # fmt: skip
    created = IntroRequest.objects.bulk_create([intro for intro, _days in rows])
    for intro, days in zip(created, [d for _i, d in rows], strict=True):
        IntroRequest.objects.filter(pk=intro.pk).update(created_at=now - timedelta(days=days))
    notes = []
    if investor_user is not None:
        pending = [
            i for i in created if i.investor_id == kakao.pk and i.status == IntroStatus.AT_INVESTOR
        ]
        notes += [
            Notification(user=investor_user, kind=NotificationKind.INTRO_REQUESTED,
                         text_ko=f"{i.startup.name_ko}이(가) 소개를 요청했습니다.",
                         text_en=f"{i.startup.name_en or i.startup.name_ko} asks for an introduction.",
                         url=i.get_absolute_url())
            for i in pending
        ]  # fmt: skip
    if founder is not None:
        accepted = next(i for i in created if i.status == IntroStatus.ACCEPTED)
        notes.append(
            Notification(user=founder, kind=NotificationKind.INTRO_ACCEPTED,
                         text_ko=f"{accepted.investor.name_ko}이(가) 소개 요청을 수락했습니다. 연락처를 확인하세요.",
                         text_en=f"{accepted.investor.name_en} accepted the intro request: contacts are shared.",
                         url=accepted.get_absolute_url(), read_at=now - timedelta(days=17))
        )  # fmt: skip
    if staff is not None and host is not None:
        waiting = next((i for i in created if i.status == IntroStatus.AT_INTRODUCER), None)
        if waiting is not None:
            notes.append(
                Notification(user=staff, kind=NotificationKind.INTRO_REQUESTED,
                             text_ko=f"{founder_org.name_ko}이(가) {waiting.investor.name_ko} 소개를 요청했습니다.",
                             text_en=f"{founder_org.name_en or founder_org.name_ko} asks to be introduced to "
                             f"{waiting.investor.name_en}.", url=waiting.get_absolute_url())
            )  # fmt: skip
    Notification.objects.bulk_create(notes)
    return created


def _financials(org: Organization) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "손익 (P&L)"
    sheet.append(
        ["연도 (year)", "매출 (revenue, KRW)", "영업이익 (operating profit, KRW)", "임직원 (staff)"]
    )
    for year, revenue, profit, staff in ((2023, 310_000_000, -420_000_000, 9),
                                         (2024, 720_000_000, -380_000_000, 14),
                                         (2025, 1_250_000_000, -150_000_000, 21)):  # fmt: skip
        sheet.append([year, revenue, profit, staff])
    sheet.append([])
    sheet.append([f"{org.name_ko} — 데모 데이터 (fictional demo data)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_room(
    founder: User | None, founder_org: Organization, investors: dict[str, Organization]
) -> int:
    room = dataroom_for_startup(startup=founder_org, by=founder)
    room.is_fictional = True
    room.save(update_fields=["is_fictional"])
    name = founder_org.name_en or founder_org.name_ko
    deck = simple_pdf(
        f"{founder_org.name_ko} IR Deck",
        [
            f"{name} — Investor presentation (demo data, fictional)",
            "문제: 도심 드론 배송의 실시간 관제가 수작업입니다.",
            "해결: AI 기반 관제 플랫폼, 공공 실증 3건",
            "매출: 2025년 12억 5,000만원 (전년 대비 +74%)",
            "투자 유치: 시리즈 A 40억원 (프리머니 160억원)",
            "자금 사용: R&D 50%, 영업 30%, 운영 20%",
        ],
        pages=4,
    )
    document_upload(
        room=room, by=founder, title="IR 덱 2026 (IR deck)", data=deck, filename="ir-deck-2026.pdf"
    )
    document_upload(
        room=room, by=founder, title="재무 요약 (financials)", data=_financials(founder_org),
        filename="financials.xlsx",
    )  # fmt: skip
    now = timezone.now()
    grants = [
        DataRoomGrant(room=room, investor=investors["vc_kakao"], granted_by=founder,
                      expires_at=now + timedelta(days=30)),
        DataRoomGrant(room=room, investor=investors["ac_primer"], granted_by=founder,
                      expires_at=now - timedelta(days=2)),
    ]  # fmt: skip
    DataRoomGrant.objects.bulk_create(grants)
    investor_user = User.objects.filter(username="investor").first()
    if investor_user is not None:
        Notification.objects.create(
            user=investor_user, kind=NotificationKind.DATAROOM_SHARED,
            text_ko=f"{founder_org.name_ko}이(가) 데이터룸을 공유했습니다.",
            text_en=f"{name} shared its data room with you.", url=room.get_absolute_url(),
        )  # fmt: skip
    return room.documents.count()


def seed_investment(*, seed: int, log: Log = lambda _msg: None) -> dict[str, int]:
    """Seeds theses, funds, intro requests and the founder's data room. Needs the base demo."""
    started = time.monotonic()
    rng = random.Random(f"{seed}:investment")
    with transaction.atomic():
        investors = _orgs_by_key()
        if len(investors) < len(THESES):
            log("투자: 데모 투자사가 없어 건너뜁니다 (investors missing; skipped).")
            return {}
        founder = User.objects.filter(username="founder").first()
        founder_org = (
            founder.memberships.select_related("organization").first().organization
            if founder and founder.memberships.exists()
            else Organization.objects.filter(kind="startup").order_by("id").first()
        )
        investor_user = User.objects.filter(username="investor").first()
        # A re-seed (--flush) keeps the demo users: their old notifications go with the data.
        Notification.objects.filter(user__username__in=["founder", "investor", "staff"]).delete()
        # The base demo's rounds are generated: label them "demo data", not "entered on
        # Sadari" (#6 review: the round page named a source that did not exist).
        FundingRound.objects.filter(
            is_fictional=True, source=RoundSource.MANUAL, entered_by__isnull=True
        ).update(source=RoundSource.DEMO)
        theses = _theses(investors, rng)
        intros = _intros(rng, investors, founder, founder_org, investor_user)
        documents = _data_room(founder, founder_org, investors)
    counts = {"theses": theses, "intros": len(intros), "documents": documents}
    log(
        f"투자: 투자 성향 {theses}곳, 소개 요청 {len(intros)}건, 데이터룸 문서 {documents}건 "
        f"— {time.monotonic() - started:.1f}s"
    )
    return counts
