"""Impact demo: the city's KPI definitions (Korean and English, with plain-language
definitions and targets such as Seoul's 40,000 future talents), events collected from every
demo domain, and a year of monthly snapshots with the quarters and years they touch.

Deterministic for a seed: the definitions are fixed and the figures follow from the other
demos' data (dated relative to the day it runs).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from sadari.impact.collectors import collect
from sadari.impact.compute import compute_snapshots
from sadari.impact.models import Kpi, KpiSnapshot
from sadari_core.impact.periods import last_periods

Log = Callable[[str], None]

# slug, name ko, name en, formula, unit, period, target, target period, cumulative from,
# public, definition ko, definition en
KPIS: list[tuple] = [
    ("startups-supported", "지원받은 기업", "Companies supported",
     "distinct(support_received)", "count", "quarter", 120, "분기마다|each quarter", None, True,
     "분기 중 참여 기관의 지원(보육·바우처·자금·멘토링 등 지원 이력)을 새로 받기 시작한 기업 수. "
     "한 기업이 여러 기관에서 지원받아도 한 번만 셉니다. 기관별 수치는 그 기관이 지원한 기업 수입니다.",
     "Companies that started receiving support (incubation, vouchers, funds, mentoring — the "
     "institutions' support records) in the quarter. A company supported by several institutions "
     "counts once city-wide; an institution's figure counts the companies it supported."),
    ("investment-raised", "투자 유치액", "Investment raised",
     "sum(funding_round)", "krw", "quarter", 50_000_000_000, "분기마다|each quarter", None, True,
     "분기 중 발표된 투자 라운드 금액의 합(원화 환산). 금액 비공개 라운드는 0으로 더하고 건수에는 포함합니다. "
     "기관별 수치는 그 기관에 입주·소속한 기업의 라운드입니다.",
     "Sum of the funding rounds announced in the quarter (in KRW). Undisclosed amounts add 0 but "
     "the round still counts in the number of rounds. An institution's figure covers the companies "
     "based there."),
    ("funding-rounds", "투자 유치 건수", "Funding rounds",
     "count(funding_round)", "count", "quarter", None, "", None, True,
     "분기 중 발표된 투자 라운드 수(금액 비공개 포함).",
     "Funding rounds announced in the quarter (undisclosed amounts included)."),
    ("techtrade-matches", "기술거래 매칭", "Tech-trade matches",
     "count(deal_matched)", "count", "quarter", None, "", None, True,
     "분기 중 매칭 단계에 이른 기술거래 수. 거래 당사자와 조건은 공개하지 않습니다.",
     "Tech-trade deals that reached the match stage in the quarter. Parties and terms are never shown."),
    ("techtrade-deals", "기술거래 계약", "Tech-trade deals signed",
     "count(deal_contract)", "count", "quarter", 10, "분기마다|each quarter", None, True,
     "분기 중 계약 단계에 이른 기술거래 수(라이선스·이전·공동개발·공급 등).",
     "Tech-trade deals that reached a signed contract in the quarter (licence, transfer, joint "
     "development, supply …)."),
    ("techtrade-conversion", "기술거래 전환율", "Tech-trade conversion",
     "count(deal_contract) / count(deal_matched) * 100", "percent", "year", None, "", None, True,
     "기간 중 계약에 이른 거래 수 ÷ 기간 중 매칭된 거래 수 × 100. 같은 기간에 매칭되고 계약된 거래가 아니어도 "
     "기간 안의 건수로 셉니다(흐름 지표). 매칭이 없으면 표시하지 않습니다(—).",
     "Deals signed in the period ÷ deals matched in the period × 100 (a flow measure: a deal "
     "signed in this period may have been matched in an earlier one). Not shown (—) when nothing was matched."),
    ("pitch-submissions", "아이디어 접수", "Ideas submitted",
     "count(pitch_submitted)", "count", "month", None, "", None, True,
     "기간 중 피칭 데스크와 공모에 제출된 아이디어 수(나중에 철회된 것 포함, 임시저장 제외).",
     "Ideas submitted to the pitching desks and calls in the period (withdrawn later included, "
     "drafts excluded)."),
    ("pitch-feedback-rate", "피드백 제공률", "Feedback rate",
     "count(pitch_feedback) / count(pitch_submitted) * 100", "percent", "quarter", 90,
     "분기마다|each quarter", None, True,
     "분기 중 공개된 심사 피드백 수 ÷ 분기 중 제출된 아이디어 수 × 100. 분기 말에 제출된 아이디어의 "
     "피드백은 다음 분기에 잡힐 수 있습니다.",
     "Review feedback released in the quarter ÷ ideas submitted in the quarter × 100. Feedback "
     "on ideas submitted at the end of a quarter may fall in the next."),
    ("mentoring-sessions", "멘토링", "Mentoring sessions",
     "count(mentoring_session)", "count", "month", None, "", None, True,
     "기간 중 열린(취소되지 않은) 멘토링 세션 수.",
     "Mentoring sessions held (not cancelled) in the period."),
    ("trainees-enrolled", "교육 입교생", "Trainees enrolled",
     "count(trainee_enrolled)", "people", "quarter", None, "", None, True,
     "분기 중 청년취업사관학교 등 교육과정에 입교한 교육생 수(개인정보 없이 인원만).",
     "Trainees who enrolled in a course (Youth Job Academy and others) in the quarter — a count, "
     "no personal data."),
    ("trainees-completed", "수료생", "Trainees completed",
     "count(trainee_completed)", "people", "quarter", None, "", None, True,
     "분기 중 과정을 수료한 교육생 수(중도 이탈 제외).",
     "Trainees who completed their course in the quarter (those who left are not counted)."),
    ("employment-rate", "취업률", "Employment rate",
     "count(trainee_employed) / count(trainee_followed) * 100", "percent", "year", 70,
     "매년|each year", None, True,
     "분모: 기간 중 수료하고 취업 추적에 동의한 교육생. 분자: 그중 수료 후 180일 안에(또는 과정 중) "
     "증빙과 함께 취업이 기록된 교육생. 동의하지 않은 수료생과 중도 이탈자는 분모에서 빠지며 일자리 "
     "화면에 따로 표시됩니다(일자리 성과 정의와 같음).",
     "Denominator: trainees who completed in the period and consented to outcome follow-up. "
     "Numerator: those of them with a hire recorded with evidence within 180 days after completion "
     "(or during the course). Completers without that consent and those who left are outside the "
     "denominator and shown on the jobs outcomes page (the jobs definition, restated)."),
    ("platform-employment-rate", "플랫폼 연계 취업률", "Employment rate through the platform",
     "count(trainee_employed_platform) / count(trainee_followed) * 100", "percent", "year", None,
     "", None, True,
     "취업률과 같은 분모. 분자는 채용 전 90일 안에 그 기업으로의 추천이나 면접이 기록된 취업만 셉니다. "
     "나머지 취업은 '우연한 취업'으로 취업률에는 들어가지만 여기에는 들어가지 않습니다.",
     "Same denominator as the employment rate; the numerator counts only hires that follow a "
     "recorded referral or interview with that employer at most 90 days before. Other hires are "
     "coincidental: in the employment rate, not here."),
    ("hires", "채용", "Hires recorded",
     "count(hire_attributed) + count(hire_coincidental)", "people", "quarter", None, "", None, True,
     "분기 중 시작된 교육생 채용 수(플랫폼 연계와 우연한 취업 모두).",
     "Trainee hires starting in the quarter (attributed to the platform and coincidental)."),
    ("fair-interviews", "채용박람회 면접", "Job-fair interviews",
     "count(fair_interview)", "count", "quarter", None, "", None, True,
     "분기 중 열린 채용박람회에서 실제로 진행된 면접 수(불참·취소 제외). 박람회 수는 운영 화면에 있습니다.",
     "Interviews that took place at the job fairs held in the quarter (no-shows and cancellations "
     "excluded)."),
    ("fairs-held", "채용박람회 개최", "Job fairs held",
     "count(fair_held)", "count", "year", None, "", None, False,
     "기간 중 열린 채용박람회 수.", "Job fairs held in the period."),
    ("future-talents", "미래인재 4만 명 양성 진척", "Progress to 40,000 future talents",
     "count(trainee_completed)", "people", "quarter", 40_000, "2030년까지|by 2030",
     dt.date(2026, 1, 1), True,
     "2026년 1월 1일부터 각 기간 말까지 교육과정을 수료한 인원의 누계. 서울시의 '미래인재 4만 명' 목표 "
     "대비 진척입니다(플랫폼에 기록된 과정만 셉니다).",
     "Trainees who completed a course from 1 January 2026 to each period's end, cumulative: "
     "progress to Seoul's 40,000 future-talents target (courses recorded on the platform only)."),
]  # fmt: skip

SPACE_KPIS: list[tuple] = [
    ("space-hours", "공간 이용 시간", "Space hours used",
     "qty(space_booked)", "hours", "month", None, "", None, True,
     "기간 중 참여 기관의 공유 공간(회의실·랩·스튜디오 등)에서 승인되어 이용이 시작된 예약 시간의 합"
     "(취소·거절·대기 제외).",
     "Hours of approved bookings of the institutions' shared spaces (meeting rooms, labs, "
     "studios …) that took place in the period (cancelled, declined and pending ones excluded)."),
    ("space-utilization", "공간 가동률", "Space utilization",
     "qty(space_booked) / qty(space_open) * 100", "percent", "month", 60, "매월|each month",
     None, True,
     "이용된 예약 시간 ÷ 운영 시간 × 100. 운영 시간은 공간별 예약 규칙의 요일별 운영 시간에서 휴관일을 뺀 "
     "것입니다. 공간 화면의 이용률은 운영 시간 안의 예약만 세지만, "
     "이 지표는 운영 시간 밖의 예약 시간도 분자에 넣습니다.",
     "Hours booked and used ÷ opening hours × 100. Opening hours are each space's weekly hours "
     "minus its closed dates. Unlike the spaces pages' utilization, which counts hours inside "
     "opening hours only, booked hours outside them also count in the numerator."),
]  # fmt: skip


def kpi_definitions() -> list[tuple]:
    """The demo's KPIs, the space KPIs included."""
    return KPIS + SPACE_KPIS


def seed_impact(*, seed: int = 2026, log: Log = lambda _msg: None) -> dict[str, int]:
    """Defines the KPIs, collects events from the other demos and computes 12 months, the
    quarters and the years they touch (one transaction for the definitions)."""
    started = time.monotonic()
    del seed  # the definitions are fixed; the figures follow from the other demos
    with transaction.atomic():
        for order, row in enumerate(kpi_definitions()):
            (slug, name_ko, name_en, formula, unit, period, target, target_period, since,
             public, definition_ko, definition_en) = row  # fmt: skip
            kpi = Kpi.objects.filter(slug=slug).first() or Kpi(slug=slug)
            for name, value in {
                "name_ko": name_ko, "name_en": name_en, "formula": formula, "unit": unit,
                "period": period, "target": target,
                "target_period": target_period.split("|")[0],
                "target_period_en": target_period.split("|")[-1],
                "cumulative_from": since, "is_public": public, "order": (order + 1) * 10,
                "definition_ko": definition_ko, "definition_en": definition_en,
            }.items():  # fmt: skip
                setattr(kpi, name, value)
            kpi.full_clean()
            kpi.save()
    collected = collect()
    today = timezone.localdate()
    periods = (
        last_periods("month", 12, until=today)
        + last_periods("quarter", 5, until=today)
        + last_periods("year", 2, until=today)
    )
    computed = compute_snapshots(periods=periods)
    counts = {
        "kpis": Kpi.objects.count(),
        "events": collected.created + collected.updated + collected.unchanged,
        "snapshots": KpiSnapshot.objects.count(),
        "periods": computed.periods,
    }
    log(
        f"성과: 지표 {counts['kpis']}개, 이벤트 {counts['events']:,}건, 스냅숏 {counts['snapshots']:,}개 "
        f"({counts['periods']}개 기간) — {time.monotonic() - started:.1f}s"
    )
    return counts
