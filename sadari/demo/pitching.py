"""365 Pitching demo: a rolling desk at each of the 11 startup cafés, a dated call open now
and one whose results are out, ~30 experts (the demo expert among them) with affiliations
that create real conflicts, weekly batches in every state (closed with released feedback,
under review, collecting), and mentoring slots with bookings and notes.

Deterministic for a seed; dates are relative to the day it runs. Everything goes through the
pitching services (assignment by the optimizer, reviews on the rubric, calibrated results)
with notifications muted; only timestamps are moved back afterwards so that past batches
look past. Reviewers differ in leniency and scale, as real ones do.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.demo import institutions as inst
from sadari.demo.generator import DEMO_DOMAIN, DEMO_PASSWORD, person_name
from sadari.directory.models import Organization
from sadari.pitching import services
from sadari.pitching.enums import AssignmentStatus, BatchStatus, CallKind, SubmissionStatus
from sadari.pitching.models import (
    Affiliation,
    Assignment,
    Batch,
    Booking,
    Call,
    Criterion,
    Expert,
    Invitation,
    MentorNote,
    Result,
    Review,
    Slot,
    Submission,
)

Log = Callable[[str], None]

RUBRIC: tuple[tuple[str, str, str, str, float], ...] = (
    (
        "문제 정의",
        "Problem",
        "해결하려는 문제가 분명하고 절실한가",
        "Is the problem clear and pressing?",
        1.0,
    ),
    (
        "시장성",
        "Market",
        "고객과 시장이 구체적이고 충분히 큰가",
        "Are customer and market concrete and large enough?",
        1.5,
    ),
    (
        "실현 가능성",
        "Feasibility",
        "기술과 운영 면에서 실현할 수 있는가",
        "Can it be built and run?",
        1.0,
    ),
    (
        "팀 역량",
        "Team",
        "팀이 이 문제를 풀 경험과 역량을 갖추었는가",
        "Does the team have what it takes?",
        1.0,
    ),
    (
        "사업 모델",
        "Business model",
        "수익 구조와 확장 경로가 타당한가",
        "Do revenue and growth paths hold up?",
        1.5,
    ),
)

# (title, industry, keywords, idea, problem, customer)
IDEAS: tuple[tuple[str, str, tuple[str, ...], str, str, str], ...] = (
    (
        "도심 드론 의약품 배송",
        "drone",
        ("드론", "물류", "헬스케어"),
        "약국과 병원 사이 긴급 의약품을 드론으로 30분 안에 배송합니다.",
        "야간·주말 긴급 의약품 배송이 오토바이 퀵에 의존해 느리고 비쌉니다.",
        "약국 체인, 중소병원",
    ),
    (
        "AI 상권 분석 리포트",
        "ai",
        ("AI", "빅데이터", "소상공인"),
        "카드 매출과 유동인구 데이터로 예비 창업자에게 상권 리포트를 만들어 줍니다.",
        "예비 소상공인이 감으로 입지를 정해 1년 안에 폐업하는 비율이 높습니다.",
        "예비 창업자, 프랜차이즈 본사",
    ),
    (
        "시니어 디지털 금융 도우미",
        "fintech",
        ("핀테크", "시니어", "접근성"),
        "큰 글씨·음성 안내로 어르신의 송금과 공과금 납부를 돕는 앱입니다.",
        "고령층이 은행 지점 축소로 금융 서비스에서 소외되고 있습니다.",
        "60대 이상 고령층, 지역 금융기관",
    ),
    (
        "중소 제조 설비 예지정비",
        "manufacturing",
        ("IoT", "제조", "AI"),
        "저가 진동 센서와 AI로 설비 고장을 미리 알려 줍니다.",
        "중소 공장은 설비 고장으로 생산이 멈춰도 예방 정비 인력이 없습니다.",
        "뿌리산업 중소 제조사",
    ),
    (
        "로컬 푸드 구독 배송",
        "foodtech",
        ("푸드테크", "구독", "로컬"),
        "지역 농가의 제철 채소를 1인 가구에 주 1회 소포장 배송합니다.",
        "1인 가구는 채소를 사면 절반을 버리고, 소농은 판로가 부족합니다.",
        "서울 1인 가구, 지역 농가",
    ),
    (
        "청년 전세사기 예방 서비스",
        "proptech",
        ("프롭테크", "부동산", "청년"),
        "등기부와 시세 데이터로 전세 계약 위험도를 자동 진단합니다.",
        "사회초년생이 전세사기로 보증금을 잃는 사고가 반복됩니다.",
        "사회초년생, 공인중개사",
    ),
    (
        "AI 영어 말하기 튜터",
        "edutech",
        ("에듀테크", "AI", "영어"),
        "발음과 억양을 교정해 주는 음성 AI 튜터입니다.",
        "초등학생이 원어민과 말할 기회가 부족합니다.",
        "초등학생 학부모, 방과후 학교",
    ),
    (
        "전기차 충전 공유 플랫폼",
        "mobility",
        ("모빌리티", "전기차", "공유"),
        "아파트 개인 충전기를 시간 단위로 이웃과 공유합니다.",
        "구축 아파트는 충전기가 부족해 전기차 구매를 망설입니다.",
        "아파트 입주민, 관리사무소",
    ),
    (
        "폐플라스틱 업사이클 소재",
        "climate",
        ("기후테크", "재활용", "소재"),
        "세척이 어려운 폐플라스틱을 건축 내장재로 재생합니다.",
        "복합 플라스틱은 재활용되지 못하고 소각됩니다.",
        "인테리어 시공사, 지자체",
    ),
    (
        "웹툰 IP 굿즈 제작 플랫폼",
        "content",
        ("콘텐츠", "IP", "커머스"),
        "신인 웹툰 작가가 소량 굿즈를 위험 없이 제작·판매하게 합니다.",
        "신인 작가는 최소 주문 수량 때문에 굿즈를 만들지 못합니다.",
        "웹툰 작가, 팬 커뮤니티",
    ),
    (
        "반려동물 원격 진료",
        "bio",
        ("헬스케어", "반려동물", "원격"),
        "수의사와 영상으로 상담하고 처방 사료를 배송받습니다.",
        "야간에 반려동물이 아프면 갈 병원이 없습니다.",
        "반려인, 동물병원",
    ),
    (
        "채용 면접 일정 자동화 SaaS",
        "hrtech",
        ("HR", "SaaS", "자동화"),
        "지원자와 면접관 일정을 자동으로 맞추는 채용 도구입니다.",
        "스타트업 채용 담당자는 일정 조율에 하루를 씁니다.",
        "50인 이하 스타트업",
    ),
    (
        "물류창고 피킹 로봇",
        "robotics",
        ("로봇", "물류", "자동화"),
        "기존 선반에 설치하는 저가 피킹 로봇 팔입니다.",
        "중소 물류창고는 인력난으로 출고가 지연됩니다.",
        "3PL 중소 물류사",
    ),
    (
        "소상공인 배달 수수료 비교",
        "commerce",
        ("커머스", "소상공인", "데이터"),
        "배달앱별 실제 수수료와 정산을 한눈에 비교해 줍니다.",
        "음식점 사장님이 배달앱 수수료 구조를 이해하기 어렵습니다.",
        "외식 소상공인",
    ),
    (
        "AI 반도체 불량 검사",
        "semiconductor",
        ("반도체", "AI", "비전"),
        "웨이퍼 이미지에서 미세 불량을 찾는 경량 비전 모델입니다.",
        "수작업 검사로 불량 검출이 늦고 편차가 큽니다.",
        "반도체 후공정 기업",
    ),
    (
        "지역 관광 드론 촬영 영상",
        "content",
        ("드론", "관광", "콘텐츠"),
        "지자체 관광지를 드론으로 촬영해 숏폼 콘텐츠로 만듭니다.",
        "지역 관광지 홍보 콘텐츠가 낡고 노출이 적습니다.",
        "지자체, 관광공사",
    ),
)

TEAMS = (
    "대표: 물류 기업 10년 경력 · CTO: 제어 SW 개발 7년 · 디자이너 1명",
    "대표: 데이터 분석 8년 · 개발자 2명(백엔드, ML) · 사업개발 1명",
    "대표: 금융권 6년 · CTO: 모바일 앱 개발 9년",
    "공동창업자 2명(제조 현장 12년, 임베디드 개발 5년)",
    "대표: 식품 유통 5년 · 운영 매니저 1명 · 농가 파트너 12곳",
    "대표: 변호사 출신 · 개발자 2명",
    "대표: 교육 콘텐츠 기획 7년 · AI 엔지니어 1명",
    "1인 창업 (전 대기업 연구원), 자문위원 2명",
)
COMMENTS = {
    "high": (
        "고객 인터뷰로 문제를 검증한 점이 인상적입니다. 초기 유료 고객 확보 계획을 구체화하세요.",
        "시장 규모 추정이 설득력 있고 팀 구성이 문제에 잘 맞습니다.",
        "차별점이 분명합니다. 규제 검토를 먼저 마치면 투자 유치에 유리합니다.",
    ),
    "mid": (
        "문제 정의는 좋으나 경쟁 서비스와의 차이를 더 분명히 해야 합니다.",
        "수익 모델이 아직 가정에 가깝습니다. 가격 실험을 제안합니다.",
        "기술 실현 가능성은 있으나 초기 비용 산정이 부족합니다.",
    ),
    "low": (
        "고객이 실제로 비용을 낼지 근거가 부족합니다. 인터뷰 10건부터 시작하세요.",
        "시장 규모가 작아 보입니다. 인접 시장으로의 확장 경로를 제시해 주세요.",
        "팀에 핵심 기술 역량이 보이지 않습니다. 기술 공동창업자 영입을 권합니다.",
    ),
}
TAG_POOL = {
    "drone": ("드론", "물류", "항공 규제"), "ai": ("AI", "빅데이터", "머신러닝"),
    "fintech": ("핀테크", "금융 규제", "결제"), "manufacturing": ("제조", "IoT", "스마트공장"),
    "foodtech": ("푸드테크", "유통", "구독"), "proptech": ("프롭테크", "부동산"),
    "edutech": ("에듀테크", "교육"), "mobility": ("모빌리티", "전기차"),
    "climate": ("기후테크", "ESG", "재활용"), "content": ("콘텐츠", "IP", "마케팅"),
    "bio": ("헬스케어", "바이오", "의료기기"), "hrtech": ("HR", "SaaS"),
    "robotics": ("로봇", "자동화"), "commerce": ("커머스", "소상공인", "마케팅"),
    "semiconductor": ("반도체", "비전"),
}  # fmt: skip
GENERAL_TAGS = ("IR", "사업계획", "투자 유치", "특허", "B2B 영업", "SaaS", "재무")


def _criteria(call: Call) -> None:
    Criterion.objects.bulk_create(
        Criterion(call=call, name_ko=ko, name_en=en, guide_ko=gk, guide_en=ge, weight=w, order=i)
        for i, (ko, en, gk, ge, w) in enumerate(RUBRIC)
    )


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class _Seeder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:pitching")
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.password = make_password(DEMO_PASSWORD)
        self.operator = User.objects.filter(username="operator").first()
        self.counts = {"calls": 0, "experts": 0, "ideas": 0, "reviews": 0, "bookings": 0}
        self.quality: dict[int, float] = {}
        self.reviewer: dict[int, tuple[float, float]] = {}

    # people
    def user(self, username: str) -> User:
        name_ko, _name_en, given, family = person_name(self.rng)
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": name_ko,
                "first_name": given,
                "last_name": family,
                "email": f"{username}@{DEMO_DOMAIN}",
                "password": self.password,
            },
        )
        return user

    def experts(self, startups: list[Organization], others: list[Organization]) -> list[Expert]:
        experts = []
        demo = User.objects.filter(username="expert").first()
        if demo is not None:
            e = Expert.objects.create(
                user=demo, person=getattr(demo, "person", None), headline="사업화 진단·IR 전문위원",
                tags=["사업화 진단", "IR", "피칭", "드론", "AI"], industries=["drone", "ai", "software"],
                languages=["ko", "en"], capacity=8, is_fictional=True,
            )  # fmt: skip
            Affiliation.objects.create(expert=e, name="서울창업카페 숭실대입구역", role="전문위원",
                                       started_on=dt.date(2022, 3, 1))  # fmt: skip
            experts.append(e)
        industries = list(TAG_POOL)
        for i in range(1, 31):
            user = self.user(f"mentor{i:02d}")
            fields = self.rng.sample(industries, self.rng.choice((1, 2, 2, 3)))
            tags = {t for f in fields for t in TAG_POOL[f][:2]} | set(
                self.rng.sample(GENERAL_TAGS, 2)
            )
            e = Expert.objects.create(
                user=user, tags=sorted(tags), industries=fields,
                languages=["ko", "en"] if self.rng.random() < 0.35 else ["ko"],
                capacity=self.rng.choice((8, 10, 10, 12)), headline="", is_fictional=True,
            )  # fmt: skip
            current = self.rng.choice(others)
            Affiliation.objects.create(
                expert=e, organization=current, name=current.name_ko,
                role=self.rng.choice(("심사역", "파트너", "연구위원", "자문위원", "교수")),
                started_on=dt.date(self.rng.randint(2015, 2023), self.rng.randint(1, 12), 1),
            )  # fmt: skip
            if self.rng.random() < 0.3 and startups:
                past = self.rng.choice(startups)
                Affiliation.objects.create(
                    expert=e, organization=past, name=past.name_ko, role="이사",
                    started_on=dt.date(2019, 1, 1), ended_on=dt.date(2022, 12, 31),
                )  # fmt: skip
            self.reviewer[e.pk] = (self.rng.gauss(0, 0.6), self.rng.uniform(0.6, 1.4))
            experts.append(e)
        for e in experts:
            self.reviewer.setdefault(e.pk, (0.2, 1.0))
        self.counts["experts"] = len(experts)
        return experts

    # ideas
    def idea(self, call: Call, batch: Batch | None, applicant: User, org: Organization | None,
             when: dt.datetime, fixed: int | None = None) -> Submission:  # fmt: skip
        status = SubmissionStatus.SUBMITTED
        pick = IDEAS[fixed] if fixed is not None else self.rng.choice(IDEAS)
        title, industry, keywords, idea, problem, customer = pick
        region = (
            ""
            if fixed is not None
            else self.rng.choice(("", " (서울 동북권)", " (수도권)", " 2.0"))
        )
        sub = Submission.objects.create(
            call=call, batch=batch,
            applicant=applicant, organization=org, title=f"{title}{region}", idea=idea,
            problem=problem, customer=customer, team=self.rng.choice(TEAMS),
            stage=self.rng.choice(("idea", "pre_seed", "seed")), industry=industry,
            keywords=list(keywords), language="ko", status=status,
            submitted_at=when, is_fictional=True,
        )  # fmt: skip
        Submission.objects.filter(pk=sub.pk).update(created_at=when)
        self.quality[sub.pk] = self.rng.gauss(0, 1)
        self.counts["ideas"] += 1
        return sub

    def review(self, a: Assignment, criteria: list[Criterion], when: dt.datetime) -> None:
        bias, scale = self.reviewer.get(a.expert_id, (0.0, 1.0))
        q = self.quality.get(a.submission_id, 0.0)
        scores = {}
        for c in criteria:
            raw = 3 + scale * (q + self.rng.gauss(0, 0.35)) + bias + self.rng.gauss(0, 0.4)
            scores[c.pk] = max(c.scale_min, min(c.scale_max, round(raw)))
        mean = sum(scores.values()) / len(scores)
        level = "high" if mean >= 3.8 else "mid" if mean >= 2.6 else "low"
        review = services.review_save(
            a, by=a.expert.user, scores=scores, comment=self.rng.choice(COMMENTS[level]),
            staff_note=self.rng.choice(("", "", "팀 면담 추천", "유사 아이디어 다수")),
            confidence=self.rng.randint(2, 5), submit=True,
        )  # fmt: skip
        Review.objects.filter(pk=review.pk).update(submitted_at=when)
        self.counts["reviews"] += 1

    def batch(self, call: Call, start: dt.date, applicants: list[tuple[User, Organization | None]],
              n: int, state: str, review_share: float = 1.0, end: dt.date | None = None,
              founder: tuple[User, Organization | None] | None = None) -> Batch:  # fmt: skip
        number = Batch.objects.filter(call=call).count() + 1
        end = end or start + dt.timedelta(days=6)
        batch = Batch.objects.create(call=call, number=number, starts_on=start, ends_on=end)
        span = (end - start).days
        for user, org in self.rng.sample(applicants, min(n, len(applicants))):
            day = start + dt.timedelta(days=self.rng.randint(0, span))
            when = min(
                _aware(day, self.rng.randint(9, 21), self.rng.choice((0, 15, 30, 45))), self.now
            )
            self.idea(call, batch, user, org, when)
        if founder is not None:
            first = self.idea(
                call, batch, founder[0], founder[1], _aware(start + dt.timedelta(days=2), 11), 0
            )
            self.quality[first.pk] = 0.4
        if state == BatchStatus.OPEN or self.operator is None:
            return batch
        services.assignment_propose(batch, by=self.operator)
        services.assignment_publish(batch, by=self.operator)
        published_at = _aware(end + dt.timedelta(days=1), 10)
        Batch.objects.filter(pk=batch.pk).update(published_at=min(published_at, self.now))
        criteria = list(call.criteria.all())
        for a in batch.assignments.filter(status=AssignmentStatus.PUBLISHED).select_related(
            "expert__user"
        ):
            if state == BatchStatus.CLOSED or self.rng.random() < review_share:
                self.review(
                    a,
                    criteria,
                    min(_aware(end + dt.timedelta(days=self.rng.randint(2, 5)), 15), self.now),
                )
        if state == BatchStatus.CLOSED:
            services.batch_close(batch, by=self.operator, shortlist=2)
            closed = min(_aware(end + dt.timedelta(days=7), 17), self.now)
            Batch.objects.filter(pk=batch.pk).update(closed_at=closed)
            Result.objects.filter(batch=batch).update(released_at=closed)
        batch.refresh_from_db()
        return batch

    # mentoring
    def mentoring(self, experts: list[Expert], applicants: list[User], founder: User | None,
                  cafes: list[Organization]) -> None:  # fmt: skip
        mentors = experts[:12]
        for m_i, mentor in enumerate(mentors):
            for k in range(3):
                day = self.today + dt.timedelta(days=1 + (m_i + 3 * k) % 13)
                start = _aware(day, (10, 14, 16)[k])
                slot = services.slot_create(
                    mentor=mentor, by=mentor.user, starts_at=start, ends_at=start + dt.timedelta(hours=1),
                    host=cafes[m_i % len(cafes)], place="창업카페 상담실" if k != 1 else "",
                    mode="in_person" if k != 1 else "online",
                )  # fmt: skip
                if self.rng.random() < 0.4 and (m_i, k) != (0, 0):  # (0, 0) is the founder's
                    booker = self.rng.choice(applicants)
                    try:
                        services.booking_create(slot=slot, applicant=booker, topic="투자 유치 준비")
                        self.counts["bookings"] += 1
                    except ValidationError:  # the booker already has a session at that time
                        continue
        if founder is None or not mentors:
            return
        # The demo founder: one past session with notes, one booked with the demo expert.
        past_start = _aware(self.today - dt.timedelta(days=9), 14)
        slot = Slot.objects.create(mentor=mentors[0], host=cafes[0], starts_at=past_start,
                                   ends_at=past_start + dt.timedelta(hours=1), place="창업카페 상담실")  # fmt: skip
        booking = Booking.objects.create(slot=slot, applicant=founder, starts_at=past_start,
                                         topic="IR 자료 피드백")  # fmt: skip
        note = MentorNote.objects.create(
            booking=booking, author=mentors[0].user,
            text="IR 자료의 시장 규모 산정 근거(TAM/SAM/SOM)를 보완하고, 고객 인터뷰 결과를 한 장으로 요약하세요.",
        )  # fmt: skip
        free = (
            Slot.objects.filter(mentor=mentors[0], starts_at__gt=self.now)
            .exclude(bookings__status="booked")
            .first()
        )
        MentorNote.objects.filter(pk=note.pk).update(created_at=past_start + dt.timedelta(hours=1))
        if free is not None:
            services.booking_create(slot=free, applicant=founder, topic="다음 피칭 준비")
        self.counts["bookings"] += 2


def seed_pitching(*, seed: int = 2026, log: Log = lambda _msg: None) -> dict[str, int]:
    """Seeds the pitching demo over an existing directory demo (one transaction)."""
    started = time.monotonic()
    cafe_names = [s.name_ko for s in inst.STARTUP_CAFES]
    found = {
        o.name_ko: o for o in Organization.objects.filter(name_ko__in=cafe_names).order_by("id")
    }
    cafes = [found[n] for n in cafe_names if n in found]
    if not cafes:
        log("피칭: 데모 창업카페가 없어 건너뜁니다 (startup cafés missing; skipped).")
        return {}
    s = _Seeder(seed)
    with transaction.atomic(), services.notifications_muted():
        Submission.objects.filter(is_fictional=True).delete()
        Call.objects.filter(is_fictional=True).delete()
        Expert.objects.filter(is_fictional=True).delete()
        startups = list(
            Organization.objects.filter(kind="startup", merged_into__isnull=True).order_by("id")[
                :400
            ]
        )
        others = list(
            Organization.objects.filter(kind__in=["corporate", "investor", "university"]).order_by(
                "id"
            )[:200]
        )
        experts = s.experts(startups[:60], others or cafes)
        founder = User.objects.filter(username="founder").first()
        founder_org = (
            Organization.objects.filter(memberships__user=founder, kind="startup").first()
            if founder
            else None
        )
        applicants: list[tuple[User, Organization | None]] = []
        for i in range(1, 61):
            user = s.user(f"applicant{i:02d}")
            org = startups[i] if i < len(startups) and s.rng.random() < 0.6 else None
            if org is not None:
                Membership.objects.get_or_create(user=user, organization=org, role=Role.FOUNDER)
            applicants.append((user, org))
        staff = User.objects.filter(username="staff").first()
        if staff is not None:
            Membership.objects.get_or_create(
                user=staff, organization=cafes[0], role=Role.INSTITUTION_STAFF
            )
        monday = s.today - dt.timedelta(days=s.today.weekday())
        for c_i, cafe in enumerate(cafes):
            call = Call.objects.create(
                host=cafe, kind=CallKind.ROLLING, title_ko=f"{cafe.name_ko} 365 피칭 데스크",
                title_en=f"{cafe.name_en or cafe.name_ko} 365 pitching desk",
                description_ko="언제든 아이디어를 제출하면 매주 전문가 3명이 사업성을 진단하고 서면 피드백을 드립니다.",
                description_en=(
                    "Submit an idea any day: every week three experts diagnose its business "
                    "potential and write feedback."
                ),
                is_fictional=True,
            )  # fmt: skip
            _criteria(call)
            s.counts["calls"] += 1
            pool = s.rng.sample(experts[1:], 8) + ([experts[0]] if c_i == 0 else [])
            Invitation.objects.bulk_create(
                Invitation(call=call, expert=e, status="accepted", responded_at=s.now) for e in pool
            )
            weeks = (4, 3, 2) if c_i == 0 else (2,)
            for w in weeks:
                story = (
                    (founder, founder_org) if founder is not None and c_i == 0 and w == 3 else None
                )
                s.batch(call, monday - dt.timedelta(days=7 * w), applicants, s.rng.randint(4, 7),
                        BatchStatus.CLOSED, founder=story)  # fmt: skip
            s.batch(call, monday - dt.timedelta(days=7), applicants, s.rng.randint(3, 6), BatchStatus.REVIEWING,
                    review_share=0.6)  # fmt: skip
            s.batch(call, monday, applicants, s.rng.randint(1, 4) if c_i else 4, BatchStatus.OPEN)
        if founder is not None:
            _founder_story(founder)
        _dated_calls(s, cafes, applicants, experts)
        s.mentoring(experts, [u for u, _o in applicants], founder, cafes)
    counts = dict(s.counts)
    log(
        f"피칭: 공모 {counts['calls']}개, 전문가 {counts['experts']}명, 아이디어 {counts['ideas']}건, "
        f"심사 {counts['reviews']}건, 멘토링 예약 {counts['bookings']}건 — {time.monotonic() - started:.1f}s"
    )
    return counts


def _founder_story(founder: User) -> None:
    """The demo founder's idea got its feedback three weeks ago; its improved version waits
    as a draft ("Improve and resubmit")."""
    first = (
        Submission.objects.filter(applicant=founder, batch__status=BatchStatus.CLOSED)
        .order_by("submitted_at")
        .first()
    )
    if first is None:
        return
    second = services.submission_resubmit(first, by=founder)
    Submission.objects.filter(pk=second.pk).update(
        title=f"{first.title} — 약국 체인 실증 계획 추가", is_fictional=True
    )


def _dated_calls(
    s: _Seeder, cafes: list[Organization], applicants: list[Any], experts: list[Expert]
) -> None:
    """A call open now (closes in 10 days) and one whose results are out."""
    host_open = cafes[2 % len(cafes)]
    now = s.now
    open_call = Call.objects.create(
        host=host_open, kind=CallKind.DATED, title_ko="2026 겨울 창업 아이디어 공모",
        title_en="Winter 2026 startup idea call",
        description_ko="기후·돌봄·지역 문제를 푸는 아이디어를 찾습니다. 우수 아이디어는 후속 보육에 연계합니다.",
        description_en="Ideas that tackle climate, care and local problems; the best go on to incubation.",
        opens_at=now - dt.timedelta(days=5), closes_at=now + dt.timedelta(days=10),
        review_closes_at=now + dt.timedelta(days=20), results_at=now + dt.timedelta(days=25),
        is_fictional=True,
    )  # fmt: skip
    _criteria(open_call)
    Invitation.objects.bulk_create(
        Invitation(
            call=open_call, expert=e, status=s.rng.choice(("accepted", "accepted", "invited"))
        )
        for e in s.rng.sample(experts[1:], 10)
    )
    batch = services.collecting_batch(open_call)
    for user, org in s.rng.sample(applicants, 5):
        s.idea(open_call, batch, user, org, now - dt.timedelta(hours=s.rng.randint(1, 100)))
    s.counts["calls"] += 1
    host_past = cafes[1 % len(cafes)]
    past = Call.objects.create(
        host=host_past, kind=CallKind.DATED, title_ko="2026 가을 대학생 창업 아이디어 경진",
        title_en="Autumn 2026 student startup idea contest",
        opens_at=now - dt.timedelta(days=70), closes_at=now - dt.timedelta(days=45),
        is_fictional=True,
    )  # fmt: skip
    # Reviews close and results come out by the call's dates: those are set once the past
    # review has been seeded through the services.
    review_closes_at, results_at = now - dt.timedelta(days=30), now - dt.timedelta(days=25)
    _criteria(past)
    Invitation.objects.bulk_create(
        Invitation(call=past, expert=e, status="accepted") for e in s.rng.sample(experts[1:], 8)
    )
    assert past.opens_at is not None
    assert past.closes_at is not None
    s.batch(past, timezone.localdate(past.opens_at), applicants, 7, BatchStatus.CLOSED,
            end=timezone.localdate(past.closes_at))  # fmt: skip
    Call.objects.filter(pk=past.pk).update(review_closes_at=review_closes_at, results_at=results_at)
    Result.objects.filter(batch__call=past).update(released_at=results_at)
    s.counts["calls"] += 1
