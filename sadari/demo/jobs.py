"""Jobs demo: two courses per academy campus, a current and a finished cohort each, hundreds
of generated (fictional) trainees with consents, skills and preferences, postings from the
company pool, and coordinators' pipelines (the finished cohorts with hires). The demo
`trainee` login is enrolled at the Yeongdeungpo campus and the demo `coordinator` runs it.

Deterministic for a seed; dates are relative to the day it runs. Nothing here is real: the
people are generated and the postings are written from templates (the crawled postings under
SADARI_DATA_DIR are for tests and benchmarks only).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from sadari.accounts.models import User
from sadari.demo import institutions as inst
from sadari.demo.generator import person_name
from sadari.directory.models import Organization
from sadari.jobs import fairs as fair_services
from sadari.jobs import occupations, services
from sadari.jobs.enums import PostingSource, Stage, TraineeStatus
from sadari.jobs.models import (
    Cohort,
    Consent,
    Course,
    Employment,
    Fair,
    FairCompany,
    FairSeeker,
    JobPosting,
    PipelineEntry,
    StageChange,
    Trainee,
)

Log = Callable[[str], None]

# track → (course ko, course en, skills taught, roles)
TRACKS: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "backend": ("백엔드 개발자 과정", "Back-end developer course",
                ("Python", "Django", "SQL", "Java", "Spring Boot", "Docker", "AWS", "Git"),
                ("백엔드 개발자", "서버 개발자")),
    "frontend": ("프론트엔드 개발자 과정", "Front-end developer course",
                 ("JavaScript", "TypeScript", "React", "HTML", "CSS", "Next.js", "Git"),
                 ("프론트엔드 개발자", "웹 퍼블리셔")),
    "data": ("데이터 분석가 과정", "Data analyst course",
             ("Python", "SQL", "pandas", "Tableau", "Excel", "통계", "머신러닝"),
             ("데이터 분석가", "데이터 엔지니어")),
    "ai": ("AI 엔지니어 과정", "AI engineer course",
           ("Python", "PyTorch", "TensorFlow", "머신러닝", "딥러닝", "SQL", "Docker"),
           ("AI 엔지니어", "머신러닝 엔지니어")),
    "design": ("UX/UI 디자인 과정", "UX/UI design course",
               ("Figma", "Photoshop", "Illustrator", "UX 리서치", "프로토타이핑"),
               ("UI/UX 디자이너", "프로덕트 디자이너")),
    "fintech": ("핀테크 서비스 기획 과정", "Fintech service planning course",
                ("서비스 기획", "SQL", "Excel", "데이터 분석", "Jira"),
                ("서비스 기획자", "PM")),
}  # fmt: skip
CAMPUS_TRACKS = {
    "sesac_ydp": ("backend", "frontend"), "sesac_geumcheon": ("backend", "data"),
    "sesac_mapo": ("ai", "data"), "sesac_yongsan": ("backend", "frontend"),
    "sesac_gangseo": ("frontend", "design"), "sesac_gangdong": ("backend", "data"),
    "sesac_dongjak": ("data", "frontend"), "sesac_gwangjin": ("design", "frontend"),
    "sesac_seodaemun": ("design", "frontend"), "sesac_junggu": ("fintech", "ai"),
}  # fmt: skip
REGIONS = ("서울", "서울 강남구", "서울 마포구", "서울 영등포구", "경기 성남시", "경기 고양시")
EMPLOYMENT = ("정규직", "정규직", "정규직", "계약직", "인턴")


def seed_jobs(*, seed: int = 2026, log: Log = lambda _msg: None) -> dict[str, int]:
    """Seeds the jobs demo over an existing directory demo (one transaction)."""
    started = time.monotonic()
    rng = random.Random(f"{seed}:jobs")
    today = timezone.localdate()
    names = {s.key: s.name_ko for s in inst.ACADEMIES}
    found = {
        o.name_ko: o
        for o in Organization.objects.filter(kind="academy", name_ko__in=names.values())
    }
    campuses = {key: found[name] for key, name in names.items() if name in found}
    if not campuses:
        log("일자리: 데모 캠퍼스가 없어 건너뜁니다 (academy campuses missing; skipped).")
        return {}
    counts = {"courses": 0, "trainees": 0, "postings": 0, "pipeline": 0}
    with transaction.atomic():
        Trainee.objects.filter(is_fictional=True).delete()
        Course.objects.filter(is_fictional=True).delete()
        Fair.objects.filter(is_fictional=True).delete()
        JobPosting.objects.filter(source=PostingSource.DEMO).delete()
        employers = list(
            Organization.objects.filter(
                kind__in=["startup", "corporate"], merged_into__isnull=True
            ).order_by("id")[:300]
        )
        postings = _postings(rng, employers, today)
        counts["postings"] = len(postings)
        demo_trainee = User.objects.filter(username="trainee").first()
        for key, campus in campuses.items():
            for track in CAMPUS_TRACKS.get(key, ("backend",)):
                ko, en, skills, roles = TRACKS[track]
                course = Course.objects.create(
                    campus=campus, title_ko=ko, title_en=en, track=track, skills=list(skills),
                    is_fictional=True,
                )  # fmt: skip
                counts["courses"] += 1
                past = Cohort.objects.create(
                    course=course, name="1기", starts_on=today - dt.timedelta(days=300),
                    ends_on=today - dt.timedelta(days=120), capacity=30,
                )  # fmt: skip
                current = Cohort.objects.create(
                    course=course, name="2기", starts_on=today - dt.timedelta(days=60),
                    ends_on=today + dt.timedelta(days=90), capacity=30,
                    company_linked=rng.random() < 0.4, partner=rng.choice(employers) if employers else None,
                )  # fmt: skip
                for cohort, n, done in (
                    (past, rng.randint(20, 28), True),
                    (current, rng.randint(18, 26), False),
                ):
                    for _ in range(n):
                        trainee = _trainee(rng, cohort, skills, roles, done)
                        counts["trainees"] += 1
                        counts["pipeline"] += _pipeline(rng, trainee, postings, done, today)
        if demo_trainee is not None:
            ydp = campuses.get("sesac_ydp")
            cohort = (
                Cohort.objects.filter(course__campus=ydp, ends_on__gte=today).order_by("id").first()
            )
            if cohort is not None:
                Trainee.objects.filter(user=demo_trainee).delete()
                services.trainee_register(
                    user=demo_trainee, cohort=cohort,
                    data={"name": demo_trainee.display_name or "정하은", "phone": "010-0000-0000",
                          "email": demo_trainee.email, "skills": "파이썬, Django, SQL, Git",
                          "regions": "서울", "desired_role": "백엔드 개발자",
                          "employment_types": "정규직, 인턴", "salary_min_krw": 32_000_000},
                    purposes=["training", "job_matching", "outcomes"],
                )  # fmt: skip
                counts["trainees"] += 1
        counts["occupations"] = _occupations(log)
        counts["employments"] = _employments(rng, today)
        counts["fairs"] = _fairs(rng, campuses, postings, today)
    log(
        f"일자리: 과정 {counts['courses']}개, 교육생 {counts['trainees']}명, 채용공고 {counts['postings']}건, "
        f"파이프라인 {counts['pipeline']}건, 직무 분류 {counts['occupations']}건, "
        f"취업 {counts['employments']}건, 박람회 {counts['fairs']}회 "
        f"— {time.monotonic() - started:.1f}s"
    )
    return counts


def _postings(
    rng: random.Random, employers: list[Organization], today: dt.date
) -> list[JobPosting]:
    rows = []
    for i in range(min(120, len(employers))):
        employer = employers[i]
        track = rng.choice(list(TRACKS))
        _ko, _en, skills, roles = TRACKS[track]
        required = rng.sample(skills, min(3, len(skills)))
        preferred = rng.sample([s for s in skills if s not in required], min(2, len(skills) - 3))
        low = rng.choice((30, 33, 36, 40, 45)) * 1_000_000
        region = (
            f"{employer.city or '서울'} {employer.district}".strip()
            if employer.district
            else rng.choice(REGIONS)
        )
        rows.append(
            JobPosting(
                employer=employer, title=f"{rng.choice(roles)} ({rng.choice(('신입', '신입/경력', '경력 1~3년'))})",
                duties=f"{employer.name_ko}의 {rng.choice(roles)}로서 서비스 개발과 운영에 참여합니다.",
                requirements=", ".join(required) + " 경험", preferred=", ".join(preferred) + " 경험자 우대",
                required_skills=required, preferred_skills=preferred, region=region,
                employment_type=rng.choice(EMPLOYMENT), salary_min_krw=low, salary_max_krw=low + 10_000_000,
                deadline=today + dt.timedelta(days=rng.randint(-10, 45)), source=PostingSource.DEMO,
                source_ref=f"demo-{i}", is_fictional=True,
            )
        )  # fmt: skip
    return JobPosting.objects.bulk_create(rows)


def _occupations(log: Log) -> int:
    """O*NET-SOC codes of the demo postings' titles and the trainees' desired roles (with the
    O*NET files under SADARI_DATA_DIR, else the shipped common occupations; none when
    classification is turned off). Returns how many postings and trainees got codes."""
    postings = list(JobPosting.objects.filter(source=PostingSource.DEMO).order_by("pk"))
    trainees = list(
        Trainee.objects.filter(is_fictional=True).exclude(desired_role="").order_by("pk")
    )
    roles = sorted({t.desired_role for t in trainees})
    codes = occupations.classify_titles([p.title for p in postings] + roles)
    if codes is None:
        log(f"일자리: 직무(O*NET) 분류 꺼짐 — {occupations.status()}")
        return 0
    for posting, posting_codes in zip(postings, codes, strict=False):
        posting.occupations = posting_codes
    by_role = dict(zip(roles, codes[len(postings) :], strict=True))
    for trainee in trainees:
        trainee.occupations = by_role[trainee.desired_role]
    JobPosting.objects.bulk_update(postings, ["occupations"], batch_size=500)
    Trainee.objects.bulk_update(trainees, ["occupations"], batch_size=500)
    return sum(1 for p in postings if p.occupations) + sum(1 for t in trainees if t.occupations)


def _trainee(rng: random.Random, cohort: Cohort, skills: tuple[str, ...], roles: tuple[str, ...],
             done: bool) -> Trainee:  # fmt: skip
    name_ko, _en, _given, _family = person_name(rng)
    trainee = Trainee.objects.create(
        cohort=cohort, name=name_ko, phone=f"010-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        status=TraineeStatus.COMPLETED if done and rng.random() < 0.92 else (
            TraineeStatus.DROPPED if done else TraineeStatus.ENROLLED),
        enrolled_on=cohort.starts_on, completed_on=cohort.ends_on if done else None,
        skills=rng.sample(skills, rng.randint(2, min(5, len(skills)))), desired_role=rng.choice(roles),
        regions=[rng.choice(("서울", "서울", "경기"))], salary_min_krw=rng.choice((28, 30, 32, 35)) * 1_000_000,
        employment_types=["정규직"], is_fictional=True,
    )  # fmt: skip
    for purpose in ("training", "job_matching", "outcomes"):
        if purpose == "outcomes" and rng.random() < 0.1:
            continue
        Consent.objects.create(
            trainee=trainee, purpose=purpose, items=list(services.CONSENT_ITEMS[purpose]),
            retention_until=cohort.ends_on + services.RETENTION_AFTER_COHORT[purpose],
        )  # fmt: skip
    return trainee


def _pipeline(rng: random.Random, trainee: Trainee, postings: list[JobPosting], done: bool,
              today: dt.date) -> int:  # fmt: skip
    if not postings:
        return 0
    picks = rng.sample(postings, min(len(postings), rng.randint(1, 4)))
    ladder = [
        Stage.RECOMMENDED,
        Stage.APPLIED,
        Stage.DOCUMENTS_PASSED,
        Stage.INTERVIEW,
        Stage.OFFER,
        Stage.HIRED,
    ]
    hired = False
    for posting in picks:
        if done and not hired and rng.random() < 0.55:
            reach = len(ladder) - 1
            hired = True
        else:
            reach = rng.randint(0, 3 if done else 2)
        stage = ladder[reach]
        if done and hired and stage == Stage.HIRED and rng.random() < 0.7:
            stage = Stage.RETAINED_6M if rng.random() < 0.8 else stage
        entry = PipelineEntry.objects.create(
            trainee=trainee, posting=posting, employer=posting.employer, stage=stage,
            remind_on=today + dt.timedelta(days=rng.randint(-2, 10)) if not done else None,
        )  # fmt: skip
        StageChange.objects.bulk_create(
            StageChange(entry=entry, from_stage=ladder[i - 1] if i else "", to_stage=ladder[i])
            for i in range(reach + 1)
        )
    return len(picks)


def _employments(rng: random.Random, today: dt.date) -> int:
    """Hires of the finished cohorts: most follow a pipeline entry (attributed), some not."""
    rows = []
    done = Trainee.objects.filter(is_fictional=True, status=TraineeStatus.COMPLETED).select_related(
        "cohort"
    )
    employers = list(
        JobPosting.objects.filter(source=PostingSource.DEMO).values_list("employer_id", flat=True)
    )
    for trainee in done:
        hired = trainee.pipeline.filter(stage__in=[Stage.HIRED, Stage.RETAINED_6M]).first()
        # some are hired before the course ends (조기취업): their 6-month check is due by now
        hired_on = trainee.cohort.ends_on + dt.timedelta(days=rng.randint(-100, 90))
        if hired is not None:
            rows.append(Employment(
                trainee=trainee, employer_id=hired.employer_id, posting_id=hired.posting_id,
                hired_on=min(hired_on, today), evidence=rng.choice(("insurance", "contract", "employer")),
                attributed=True, attribution="referred before the hire (demo)",
                retained_6m=True if hired.stage == Stage.RETAINED_6M else None,
            ))  # fmt: skip
        elif employers and rng.random() < 0.15:
            rows.append(Employment(
                trainee=trainee, employer_id=rng.choice(employers), hired_on=min(hired_on, today),
                evidence="self", attributed=False, attribution="no referral or interview recorded (demo)",
            ))  # fmt: skip
    Employment.objects.bulk_create(rows)
    return len(rows)


def _fairs(rng: random.Random, campuses: dict[str, Organization], postings: list[JobPosting],
           today: dt.date) -> int:  # fmt: skip
    """One fair held last month (interviews held, follow-up done) and one next week, with
    companies and registered seekers, ready to schedule."""
    host = campuses.get("sesac_ydp") or next(iter(campuses.values()))
    by_employer: dict[int, list[JobPosting]] = {}
    for p in postings:
        by_employer.setdefault(p.employer_id, []).append(p)
    employers = list(by_employer)
    n = 0
    for title, date, status in (
        ("2026 가을 청년 채용박람회", today - dt.timedelta(days=35), "done"),
        ("2026 겨울 청년 일자리 매칭데이", today + dt.timedelta(days=7), "registration"),
    ):
        fair = Fair.objects.create(
            host=host, title_ko=title, title_en="Youth job fair", date=date, venue="영등포 청년센터 대강당",
            slots=12, breaks=[5], status="registration" if status == "done" else status, is_fictional=True,
        )  # fmt: skip
        companies = []
        for i, employer_id in enumerate(rng.sample(employers, min(12, len(employers)))):
            company = FairCompany.objects.create(
                fair=fair,
                employer_id=employer_id,
                booth=f"{'AB'[i % 2]}{i + 1}",
                interviewers=rng.choice((1, 2, 2)),
            )
            company.postings.set(by_employer[employer_id])
            companies.append(company)
        pool = list(Trainee.objects.filter(is_fictional=True, cohort__course__campus=host)[:40])
        for trainee in pool:
            seeker = FairSeeker.objects.create(
                fair=fair, trainee=trainee, name=trainee.name,
                checked_in_at=timezone.make_aware(dt.datetime.combine(date, dt.time(9, 40)))
                if status == "done" and rng.random() < 0.9 else None,
            )  # fmt: skip
            seeker.requested.set(rng.sample(companies, 2))
            if rng.random() < 0.2:  # a class or another appointment: times they cannot come
                start = rng.randrange(fair.slots - 1)
                seeker.blocked_slots = [start, start + 1]
                seeker.save(update_fields=["blocked_slots"])
        operator = User.objects.filter(username="operator").first()
        seekers = list(fair.seekers.order_by("pk"))
        if operator is not None and seekers:
            # Companies' wishes: a few invitations and one declined pair per fair.
            for company in companies[:3]:
                for seeker in rng.sample(seekers, min(2, len(seekers))):
                    fair_services.company_pair(company, by=operator, seeker=seeker, choice="invite")
            fair_services.company_pair(
                companies[-1], by=operator, seeker=rng.choice(seekers), choice="refuse"
            )
        if status == "done" and operator is not None:
            # The past fair ran on the optimized schedule; its held interviews went to the
            # trainees' pipelines, and the organizers sent a follow-up.
            Fair.objects.filter(pk=fair.pk).update(status="registration")
            fair.refresh_from_db()
            fair_services.schedule(fair, by=operator)
            fair_services.close(fair, by=operator)
            fair_services.send_follow_up(
                fair,
                by=operator,
                text="채용박람회에 참여해 주셔서 감사합니다. 면접 결과는 각 기업이 2주 안에 "
                "개별로 알려 드립니다. 담당 코디네이터와 다음 지원 계획을 상의해 보세요.\n"
                "Thank you for coming to the fair. Each company will tell you its result within "
                "two weeks; talk to your coordinator about your next applications.",
            )
        n += 1
    return n
