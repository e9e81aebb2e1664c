"""Consortium demo: structured eligibility on the demo's programs, open programs at Goyang's
five target-group centers (youth, mid-career technology, one-person creative business, social
economy, women) with realistic Korean conditions, the demo founder's eligibility profile and
company facts (so "programs I can apply to now" shows eligible, need-more-information and
not-eligible programs), applications decided within capacity, and about a hundred referrals
over the past year between consortium members in every state — two of them about the demo
founder.

Deterministic for a seed; dates are relative to the day it runs. Built through the consortium
services (notifications muted). Everyone here is fictional.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.consortium import selectors, services
from sadari.consortium.enums import ApplicationMode, ReferralAction, SocialEconomy, TargetGroup
from sadari.consortium.models import CompanyFacts, EligibilityProfile, ProgramOptions, ProgramRule
from sadari.demo import institutions as inst
from sadari.demo.generator import DEMO_DOMAIN, person_name
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization, Program, Space
from sadari_core.eligibility import Verdict

Log = Callable[[str], None]
USER_PREFIX = "demo-consortium-"
SOCIAL_ALL = [s.value for s in SocialEconomy if s != SocialEconomy.NONE]
TECH = ["ai", "drone", "bio", "software", "robotics", "iot", "semiconductor", "mobility", "climate"]


@dataclass(frozen=True)
class DemoProgram:
    center: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    eligibility_ko: str
    eligibility_en: str
    benefit_ko: str
    benefit_en: str
    amount: int | None
    capacity: int
    mode: str
    group: str
    rules: tuple[dict[str, Any], ...]
    apply_in: int  # days from today to the apply-by date


def _r(
    attribute: str, operator: str, value: Any = None, note_ko: str = "", note_en: str = ""
) -> dict[str, Any]:
    return {
        "attribute": attribute,
        "operator": operator,
        "value": value,
        "note_ko": note_ko,
        "note_en": note_en,
    }


IN, EXT = ApplicationMode.IN_PLATFORM, ApplicationMode.EXTERNAL
PROGRAMS: tuple[DemoProgram, ...] = (
    DemoProgram("tg_youth", "청년창업 IR 역량강화 과정", "Youth founders' IR bootcamp",
                "투자유치를 준비하는 청년 창업가에게 6주간 IR 코칭과 모의 피칭을 제공합니다.",
                "Six weeks of IR coaching and mock pitches for young founders preparing to raise.",
                "만 39세 이하 대표자", "Founders aged 39 or under",
                "IR 코칭, 데모데이 참가", "IR coaching and a demo-day slot", None, 15, IN, TargetGroup.YOUTH,
                (_r("founder_age", "lte", 39, "만 39세 이하", "aged 39 or under"),), 21),
    DemoProgram("tg_youth", "예비 청년창업자 아이디어 사업화", "Youth pre-founder idea commercialization",
                "사업자 등록 전 청년의 아이디어를 시제품과 창업으로 연결합니다.",
                "Turns young people's ideas into prototypes and companies before registration.",
                "만 19~39세 예비창업자 (사업자 미등록)", "Pre-founders aged 19 to 39 (not yet registered)",
                "시제품 제작비", "Prototype costs", 10_000_000, 20, IN, TargetGroup.YOUTH,
                (_r("founder_age", "between", [19, 39]),
                 _r("pre_founder", "is_true", None, "사업자 등록 전", "before registering a business")), 30),
    DemoProgram("tg_senior", "중장년 기술창업 실전 지원", "Mid-career technology startup support",
                "경력을 살린 중장년의 기술창업에 사업화 자금과 전문가 멘토링을 지원합니다.",
                "Funding and expert mentoring for technology startups by experienced founders.",
                "만 40세 이상, 창업 7년 이내 기술 기업", "Founders aged 40+, technology companies within 7 years",
                "사업화 자금 최대 5천만원", "Up to KRW 50 million in funding", 50_000_000, 10, IN, TargetGroup.SENIOR,
                (_r("founder_age", "gte", 40, "만 40세 이상", "aged 40 or over"), _r("company_age_years", "lte", 7),
                 _r("industry", "in", TECH, "기술 기반 업종", "technology industries")), 25),
    DemoProgram("tg_one_person", "1인 창조기업 마케팅 바우처", "One-person creative business marketing voucher",
                "1인 창조기업의 온라인 마케팅과 상세페이지 제작을 바우처로 지원합니다.",
                "Vouchers for online marketing and product pages of one-person creative businesses.",
                "1인 창조기업 확인 기업", "Confirmed one-person creative businesses",
                "마케팅 바우처 300만원", "KRW 3 million marketing voucher", 3_000_000, 40, EXT, TargetGroup.ONE_PERSON,
                (_r("one_person", "is_true", None, "1인 창조기업 확인서", "confirmation certificate"),), 40),
    DemoProgram("tg_one_person", "1인 창조기업 지원센터 입주기업 모집", "One-person business center residency",
                "1인 창조기업에게 전용 좌석과 회의실, 전문가 상담을 제공합니다.",
                "Desks, meeting rooms and expert advice for one-person creative businesses.",
                "1인 창조기업 (상시근로자 4인 이하)", "One-person creative businesses (4 employees or fewer)",
                "전용 좌석 1년", "A desk for a year", None, 12, IN, TargetGroup.ONE_PERSON,
                (_r("one_person", "is_true"),
                 _r("employees", "lte", 4, "상시근로자 4인 이하", "4 employees or fewer")), 18),
    DemoProgram("tg_social", "사회적경제 기업 판로 지원", "Social-economy market access",
                "사회적경제 기업의 공공조달과 온라인 판로 개척을 지원합니다.",
                "Helps social-economy enterprises into public procurement and online sales.",
                "사회적기업·예비사회적기업·협동조합·마을기업·자활기업",
                "Social enterprises, cooperatives, village and self-sufficiency enterprises",
                "판로 개척비 최대 2천만원", "Up to KRW 20 million", 20_000_000, 15, IN, TargetGroup.SOCIAL_ECONOMY,
                (_r("social_economy", "in", SOCIAL_ALL),), 28),
    DemoProgram("tg_social", "고양 예비 사회적기업 발굴", "Goyang prospective social enterprise search",
                "사회문제를 해결하려는 고양시 기업의 예비사회적기업 지정을 돕습니다.",
                "Helps Goyang companies tackling social problems become preliminary social enterprises.",
                "고양시 소재, 사회적경제 인증 전 기업", "Goyang companies not yet certified",
                "지정 컨설팅", "Certification consulting", None, 10, EXT, TargetGroup.SOCIAL_ECONOMY,
                (_r("region_city", "eq", inst.GOYANG, "고양시 소재", "based in Goyang"),
                 _r("social_economy", "in", ["none", "pre_social_enterprise"])), 35),
    DemoProgram("tg_women", "여성 창업 성장 지원 2차", "Women's startup growth, round 2",
                "혁신형 여성 창업가에게 사업화 자금과 투자 연계를 지원합니다.",
                "Funding and investor introductions for innovative women founders.",
                "여성 대표자, 창업 7년 이내", "Women founders, within 7 years of founding",
                "사업화 자금 최대 3천만원", "Up to KRW 30 million", 30_000_000, 12, IN, TargetGroup.WOMEN,
                (_r("founder_gender", "eq", "female", "여성 대표자", "woman founder"),
                 _r("company_age_years", "lte", 7)), 22),
    DemoProgram("tg_women", "여성 예비창업자 창업교육", "Startup course for women pre-founders",
                "여성 예비창업자를 위한 8주 창업교육과 멘토링입니다.",
                "Eight weeks of startup training and mentoring for women pre-founders.",
                "여성 예비창업자", "Women pre-founders",
                "교육과 멘토링", "Training and mentoring", None, 30, EXT, TargetGroup.WOMEN,
                (_r("founder_gender", "eq", "female"), _r("pre_founder", "is_true")), 45),
    DemoProgram("gy_cic", "CIC 투자유치 IR 데이", "CIC investor IR day",
                "경기북부 초기기업이 투자사 앞에서 발표하고 후속 상담을 받습니다.",
                "Early companies of northern Gyeonggi pitch to investors and get follow-up meetings.",
                "연매출 50억원 이하, 상시근로자 50인 이하", "Revenue up to KRW 5 billion, up to 50 employees",
                "IR 발표와 투자 상담", "A pitch slot and investor meetings", None, 20, IN, TargetGroup.GENERAL,
                (_r("revenue_krw", "lte", 5_000_000_000, "연매출 50억원 이하", "revenue up to KRW 5 billion"),
                 _r("employees", "lte", 50)), 14),
    DemoProgram("gy_gipa", "고양 콘텐츠 스타트업 성장 지원", "Goyang content startup growth",
                "고양시 콘텐츠·미디어 스타트업의 제작과 유통을 지원합니다.",
                "Supports production and distribution for Goyang's content and media startups.",
                "고양시 소재 콘텐츠 기업, 창업 7년 이내", "Goyang content companies within 7 years",
                "제작 지원금", "Production grant", 40_000_000, 8, EXT, TargetGroup.GENERAL,
                (_r("region_city", "eq", inst.GOYANG), _r("industry", "in", ["content", "games"]),
                 _r("company_age_years", "lte", 7)), 33),
)  # fmt: skip

# Existing programs' announced eligibility (generator templates) → rules.
TEXT_RULES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("7년 이내", _r("company_age_years", "lte", 7, "창업 7년 이내", "within 7 years of founding")),
    ("3년 이내", _r("company_age_years", "lte", 3, "창업 3년 이내", "within 3 years of founding")),
    ("39세 이하", _r("founder_age", "lte", 39, "만 39세 이하", "aged 39 or under")),
    ("40세 이상", _r("founder_age", "gte", 40, "만 40세 이상", "aged 40 or over")),
    ("시드부터 프리A", _r("stage", "in", ["seed", "pre_a"])),
    ("1인 창조기업", _r("one_person", "is_true")),
    ("여성", _r("founder_gender", "eq", "female")),
    ("사회적기업, 협동조합", _r("social_economy", "in", SOCIAL_ALL)),
)
CENTER_GROUPS = {
    "tg_youth": TargetGroup.YOUTH, "tg_senior": TargetGroup.SENIOR, "tg_one_person": TargetGroup.ONE_PERSON,
    "tg_social": TargetGroup.SOCIAL_ECONOMY, "tg_women": TargetGroup.WOMEN,
}  # fmt: skip
REFERRAL_NOTES = (
    ("투자 유치 준비 단계라 IR 과정을 추천드립니다.", "accept"),
    ("시제품 제작 공간이 필요하다고 합니다.", "accept"),
    ("사회적기업 전환을 검토 중인 기업입니다.", "accept"),
    ("대표님이 마케팅 지원을 희망하십니다.", "accept"),
    ("입주 공간 상담 부탁드립니다.", "accept"),
    ("판로 개척 컨설팅 연계 요청드립니다.", "accept"),
)
DECLINE_REASONS = (
    "이번 기수 모집이 마감되었습니다.",
    "지원 자격(업력)에 해당하지 않습니다.",
    "요청하신 기간에 공간 일정이 없습니다.",
    "고양시 소재 기업만 지원 가능합니다.",
)
COMPLETE_NOTES = ("프로그램 참여 완료", "입주 계약 체결", "상담 3회 진행 완료", "")


def _org_by_key(seeds: tuple[inst.OrgSeed, ...]) -> dict[str, Organization]:
    names = {s.key: s.name_ko for s in seeds}
    found = {
        o.name_ko: o for o in Organization.objects.filter(name_ko__in=names.values()).order_by("id")
    }
    return {key: found[name] for key, name in names.items() if name in found}


def _staff_user(rng: random.Random, key: str, org: Organization) -> User:
    name_ko, _name_en, _given, _family = person_name(rng)
    user, _created = User.objects.get_or_create(
        username=f"{USER_PREFIX}{key}".replace("_", "-"),
        defaults={"display_name": name_ko, "email": f"{key}.staff@{DEMO_DOMAIN}"},
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organization=org, role=Role.INSTITUTION_STAFF)
    return user


def _cleanup() -> None:
    titles = [p.title_ko for p in PROGRAMS]
    Program.objects.filter(is_fictional=True, title_ko__in=titles).delete()
    users = User.objects.filter(username__startswith=USER_PREFIX)
    Membership.objects.filter(user__in=users).delete()
    EligibilityProfile.objects.filter(user__in=users).delete()
    EligibilityProfile.objects.filter(user__username="founder").delete()


def _rules_on_existing(rng: random.Random, centers: dict[str, Organization]) -> int:
    n = 0
    center_of = {org.pk: key for key, org in centers.items()}
    programs = list(
        Program.objects.filter(is_fictional=True).exclude(eligibility_ko="").order_by("id")
    )
    for program in programs:
        rules = [rule for text, rule in TEXT_RULES if text in program.eligibility_ko]
        if not rules:
            continue
        services.program_rules_replace(program=program, by=None, rules=rules)
        n += len(rules)
        group = CENTER_GROUPS.get(center_of.get(program.host_id, ""), TargetGroup.GENERAL)
        ProgramOptions.objects.update_or_create(
            program=program,
            defaults={"target_group": group, "application_mode": ApplicationMode.EXTERNAL},
        )
    return n


def _new_programs(
    rng: random.Random, orgs: dict[str, Organization], today: dt.date
) -> list[Program]:
    out = []
    for spec in PROGRAMS:
        host = orgs.get(spec.center)
        if host is None:
            continue
        apply_by = today + dt.timedelta(days=spec.apply_in)
        starts = apply_by + dt.timedelta(days=rng.randint(10, 25))
        program = Program(
            host=host, title_ko=f"{today.year} {spec.title_ko}", title_en=f"{spec.title_en} {today.year}",
            summary_ko=spec.summary_ko, summary_en=spec.summary_en,
            eligibility_ko=spec.eligibility_ko, eligibility_en=spec.eligibility_en,
            benefit_ko=spec.benefit_ko, benefit_en=spec.benefit_en, benefit_amount_krw=spec.amount,
            industry="", starts_on=starts, ends_on=starts + dt.timedelta(days=rng.randint(60, 180)),
            apply_by=apply_by, capacity=spec.capacity,
            url="" if spec.mode == IN else f"https://apply.{DEMO_DOMAIN}/consortium/{len(out) + 1}",
            is_fictional=True,
        )  # fmt: skip
        program.full_clean(exclude=["host"])
        program.save()
        ProgramOptions.objects.create(
            program=program, application_mode=spec.mode, target_group=spec.group
        )
        services.program_rules_replace(program=program, by=None, rules=list(spec.rules))
        out.append(program)
    return out


def _founder(today: dt.date) -> tuple[User | None, Organization | None]:
    founder = User.objects.filter(username="founder").first()
    if founder is None:
        return None, None
    company = selectors.company_of(founder)
    services.eligibility_profile_save(
        user=founder,
        birth_year=today.year - 34,
        gender="male",
        is_pre_founder=False,
        organization=company,
    )
    if company is not None:
        # is_one_person left blank: the one-person programs "need more information".
        services.company_facts_save(
            organization=company, by=founder, revenue_krw=300_000_000, employees=6,
            social_economy=SocialEconomy.NONE,
        )  # fmt: skip
    return founder, company


def _applicants(rng: random.Random, today: dt.date, n: int) -> list[User]:
    startups = list(
        Organization.objects.filter(kind=OrgKind.STARTUP, merged_into__isnull=True).order_by("id")[
            :400
        ]
    )
    users = []
    for i in range(n):
        name_ko, _name_en, given, family = person_name(rng)
        user, _created = User.objects.get_or_create(
            username=f"{USER_PREFIX}applicant-{i + 1:02d}",
            defaults={
                "display_name": name_ko,
                "email": f"{given.lower()}.{family.lower()}{i}@{DEMO_DOMAIN}",
            },
        )
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
        company = None
        if startups and rng.random() < 0.85:
            company = startups[rng.randrange(len(startups))]
            Membership.objects.get_or_create(user=user, organization=company, role=Role.FOUNDER)
            user.__dict__.pop("_sadari_org_ids", None)  # the cached memberships are stale
        services.eligibility_profile_save(
            user=user, birth_year=today.year - rng.randint(24, 58), gender=rng.choice(["female", "male"]),
            is_pre_founder=company is None, organization=company,
        )  # fmt: skip
        if company is not None and not CompanyFacts.objects.filter(organization=company).exists():
            services.company_facts_save(
                organization=company, by=user, employees=rng.choice([1, 1, 2, 3, 5, 8, 12]),
                revenue_krw=rng.choice([0, 50_000_000, 200_000_000, 800_000_000, 2_000_000_000]),
                social_economy=rng.choice([SocialEconomy.NONE] * 5 + list(SocialEconomy)[1:]),
                is_one_person=rng.random() < 0.3,
            )  # fmt: skip
        users.append(user)
    return users


def _applications(
    rng: random.Random, programs: list[Program], applicants: list[User], founder: User | None,
    staff: dict[int, User],
) -> int:  # fmt: skip
    in_platform = [p for p in programs if selectors.application_mode(p) == IN]
    n = 0
    for user in applicants:
        values = selectors.profile_values_for(user=user)
        for program in rng.sample(in_platform, k=min(len(in_platform), rng.randint(1, 3))):
            fresh = selectors.program_queryset().get(pk=program.pk)
            if (
                selectors.check_program(program=fresh, values=values).verdict
                == Verdict.NOT_ELIGIBLE
            ):
                continue
            services.application_submit(
                program=fresh, applicant=user, answers={"motivation": "지원 동기를 적었습니다."}
            )
            n += 1
    for program in in_platform:
        by = staff.get(program.host_id)
        if by is None:
            continue
        apps = list(program.consortium_applications.order_by("id"))
        rng.shuffle(apps)
        room = min(program.capacity or 0, max(1, len(apps) // 3))
        for app in apps:
            roll = rng.random()
            if room > 0 and roll < 0.45:
                services.application_decide(application=app, by=by, status="selected")
                room -= 1
            elif roll < 0.65:
                services.application_decide(
                    application=app, by=by, status="rejected", note="다음 기회에 지원해 주세요."
                )
            elif roll < 0.85:
                services.application_decide(application=app, by=by, status="under_review")
            elif roll < 0.93:
                services.application_withdraw(application=app, by=app.applicant)
    if founder is not None:
        ir = next((p for p in in_platform if "IR 역량강화" in p.title_ko), None)
        if ir is not None:
            services.application_submit(
                program=ir,
                applicant=founder,
                answers={"motivation": "시리즈 A 투자 유치를 준비하고 있습니다."},
            )
            n += 1
    return n


def _referrals(
    rng: random.Random, members: dict[str, Organization], staff: dict[int, User], people: list[User],
    founder: User | None, founder_company: Organization | None, n: int,
) -> int:  # fmt: skip
    now = timezone.now()
    orgs = sorted(members.values(), key=lambda o: o.pk)
    programs: dict[int, list[Program]] = {o.pk: [] for o in orgs}
    for p in Program.objects.filter(host__in=orgs).order_by("id"):
        programs[p.host_id].append(p)
    spaces: dict[int, list[Space]] = {o.pk: [] for o in orgs}
    for s in Space.objects.filter(host__in=orgs).order_by("id"):
        spaces[s.host_id].append(s)
    receivers = [o for o in orgs if programs[o.pk] or spaces[o.pk]]
    companies = list(
        Organization.objects.filter(kind=OrgKind.STARTUP, merged_into__isnull=True).order_by("id")[
            :300
        ]
    )
    if not receivers or not companies:
        return 0
    made = 0
    for _ in range(n):
        to_org = rng.choice(receivers)
        from_org = rng.choice([o for o in orgs if o.pk != to_org.pk])
        use_program = programs[to_org.pk] and (not spaces[to_org.pk] or rng.random() < 0.65)
        target = rng.choice(programs[to_org.pk] if use_program else spaces[to_org.pk])
        age_days = rng.uniform(1, 360)
        at = now - dt.timedelta(days=age_days)
        note, _kind = rng.choice(REFERRAL_NOTES)
        subject = (
            {"person": rng.choice(people)}
            if people and rng.random() < 0.2
            else {"company": rng.choice(companies)}
        )
        referral = services.referral_create(
            from_org=from_org, by=staff[from_org.pk], note=note, at=at,
            **({"program": target} if use_program else {"space": target}), **subject,
        )  # fmt: skip
        made += 1
        answer_after = dt.timedelta(days=rng.uniform(0.2, 12))
        if at + answer_after > now or rng.random() < 0.12:
            continue  # still awaiting an answer
        by = staff[to_org.pk]
        if rng.random() < 0.22:
            services.referral_act(
                referral=referral, by=by, action=ReferralAction.DECLINE, note=rng.choice(DECLINE_REASONS),
                at=at + answer_after,
            )  # fmt: skip
            continue
        services.referral_act(
            referral=referral, by=by, action=ReferralAction.ACCEPT, note="", at=at + answer_after
        )
        done_at = at + answer_after + dt.timedelta(days=rng.uniform(5, 60))
        if done_at < now and rng.random() < 0.75:
            services.referral_act(
                referral=referral,
                by=by,
                action=ReferralAction.COMPLETE,
                note=rng.choice(COMPLETE_NOTES),
                at=done_at,
            )
    # The demo founder: referred by CIC to the youth center's IR course (accepted), and by the
    # demo staff member's center to the youth center (awaiting an answer).
    youth, cic = members.get("tg_youth"), members.get("gy_cic")
    ir = (
        next((p for p in programs.get(youth.pk, []) if "IR 역량강화" in p.title_ko), None)
        if youth
        else None
    )
    if founder is not None and founder_company is not None and youth and cic and ir:
        r = services.referral_create(
            from_org=cic, by=staff[cic.pk], program=ir, company=founder_company,
            note="투자 유치를 준비하는 드론 스타트업입니다. IR 역량강화 과정을 추천드립니다.",
            at=now - dt.timedelta(days=9),
        )  # fmt: skip
        services.referral_act(referral=r, by=staff[youth.pk], action=ReferralAction.ACCEPT,
                              note="다음 기수에 배정하겠습니다.", at=now - dt.timedelta(days=7))  # fmt: skip
        made += 1
        demo_staff = User.objects.filter(username="staff").first()
        home = (
            demo_staff.memberships.filter(role=Role.INSTITUTION_STAFF).first()
            if demo_staff
            else None
        )
        if home is not None and home.organization_id != youth.pk and programs[youth.pk]:
            services.referral_create(
                from_org=home.organization, by=demo_staff, person=founder, program=programs[youth.pk][0],
                note="청년 대표님으로 입주 공간 상담을 연계합니다.", at=now - dt.timedelta(days=2),
            )  # fmt: skip
            made += 1
    return made


def seed_consortium(*, seed: int = 2026, log: Log = lambda _msg: None) -> dict[str, int]:
    """Seeds the consortium demo over an existing directory demo (one transaction). Running
    it again replaces what it made."""
    started = time.monotonic()
    rng = random.Random(f"{seed}:consortium")
    today = timezone.localdate()
    centers = _org_by_key(inst.TARGET_GROUP_CENTERS)
    members = {**centers, **_org_by_key(inst.CONSORTIUM_MEMBERS)}
    if not centers:
        log("컨소시엄: 대상별 센터가 없어 건너뜁니다 (target-group centers missing; skipped).")
        return {}
    counts: dict[str, int] = {}
    with transaction.atomic(), services.notifications_muted():
        _cleanup()
        staff = {org.pk: _staff_user(rng, key, org) for key, org in sorted(members.items())}
        counts["rules"] = _rules_on_existing(rng, centers)
        programs = _new_programs(rng, members, today)
        counts["programs"] = len(programs)
        counts["rules"] += ProgramRule.objects.filter(program__in=programs).count()
        founder, company = _founder(today)
        applicants = _applicants(rng, today, 30)
        counts["applications"] = _applications(rng, programs, applicants, founder, staff)
        counts["referrals"] = _referrals(rng, members, staff, applicants, founder, company, 100)
    log(
        f"컨소시엄: 자격 규칙 {counts['rules']}개, 대상별 지원사업 {counts['programs']}개, "
        f"지원서 {counts['applications']}건, 기관 간 연계 {counts['referrals']}건 "
        f"({time.monotonic() - started:.1f}s)"
    )
    return counts
