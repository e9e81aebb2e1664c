"""Tech-trade demo data: needs of the nine corporates, technologies of generated startups and
university labs (some in English only), open-innovation challenges with proposals and PoCs,
deals at every stage with their history and messages, and NDAs in every state.

Deterministic for a seed (dates are relative to the day it runs, so that challenges are open
and the funnel's days are recent). Built on the techtrade services; the NDA acceptances and
requests of organizations without demo users, and messages, are written directly.
Everything is flagged ``is_fictional``: the corporates' names are real, their needs are not.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from sadari.accounts.models import User
from sadari.directory.models import Organization
from sadari.techtrade import matching
from sadari.techtrade.deals import (
    challenge_create,
    deal_move,
    deal_open,
    poc_milestone_toggle,
    poc_update,
    proposal_decide,
    proposal_submit,
)
from sadari.techtrade.enums import PIPELINE, DealStage, RequestStatus
from sadari.techtrade.models import (
    Challenge,
    Deal,
    DealMessage,
    DealStageChange,
    DetailRequest,
    NdaAcceptance,
    Poc,
    Proposal,
    TechNeed,
    Technology,
)
from sadari.techtrade.services import (
    listing_details_read,
    nda_current_for,
    nda_publish,
    need_create,
    technology_create,
)

Log = Callable[[str], None]


@dataclass(frozen=True)
class NeedSeed:
    corp: str
    title_ko: str
    title_en: str
    teaser_ko: str
    problem_ko: str
    outcome_ko: str
    fields: tuple[str, ...]
    trl: int | None
    budget: tuple[int | None, int | None]
    details_ko: str
    teaser_en: str = ""


# Nine corporates, two or three needs each (fictional needs of real companies).
NEEDS: tuple[NeedSeed, ...] = (
    NeedSeed("corp_samsung", "반도체 공정 이상 탐지 AI", "Anomaly detection AI for wafer fabs",
             "웨이퍼 공정 센서 데이터에서 수율 저하 징후를 조기에 찾는 AI를 찾습니다.",
             "공정 장비 센서가 초당 수만 건을 기록하지만 이상 징후는 사후에야 발견됩니다.",
             "수율 저하 24시간 전 경보, 오탐률 5% 이하", ("semiconductor", "ai"), 6,
             (300_000_000, 1_000_000_000), "대상 라인: P3 식각 공정, 센서 412종, 불량 로그 18개월분",
             "AI that flags yield loss early from wafer-fab sensor data."),
    NeedSeed("corp_samsung", "저전력 온디바이스 음성 인식", "Low-power on-device speech recognition",
             "스마트폰·웨어러블에서 네트워크 없이 동작하는 한국어 음성 인식 엔진",
             "클라우드 음성 인식은 지연과 개인정보 이슈가 있습니다.",
             "NPU에서 실시간, 배터리 소모 1% 이하", ("ai", "semiconductor"), 5,
             (200_000_000, 600_000_000), "목표 칩셋 사양과 NPU SDK 베타 버전을 NDA 후 공유"),
    NeedSeed("corp_lg", "가전 제품 예지 정비", "Predictive maintenance for home appliances",
             "세탁기·냉장고의 고장을 미리 알려주는 IoT 데이터 분석 기술",
             "서비스 기사 출동의 30%가 예방 가능한 고장입니다.",
             "고장 2주 전 예측, 정확도 85% 이상", ("iot", "ai"), 6,
             (150_000_000, 500_000_000), "ThinQ 텔레메트리 필드 목록과 고장 코드 체계 공유 예정",
             "IoT analytics that predicts appliance failures before they happen."),
    NeedSeed("corp_lg", "로봇청소기 실내 지도 작성", "Indoor mapping for robot vacuums",
             "저가 센서로 가정 내 정밀 지도를 만드는 SLAM 기술",
             "라이다 없이 카메라만으로는 가구 아래 영역 지도가 부정확합니다.",
             "원가 3만원 이하 센서 조합, 오차 5cm 이내", ("robotics",), 5,
             (100_000_000, 300_000_000), "차기 모델 센서 배치도(기밀)"),
    NeedSeed("corp_skt", "통신망 트래픽 예측", "Mobile network traffic forecasting",
             "기지국 단위 트래픽을 예측해 에너지를 절감하는 AI",
             "야간에도 기지국이 최대 출력으로 운영되어 전력이 낭비됩니다.",
             "기지국 전력 15% 절감", ("ai", "climate"), 6, (200_000_000, 700_000_000),
             "수도권 기지국 1,200개 트래픽 로그 샘플 제공"),
    NeedSeed("corp_skt", "AI 통화 요약 개인정보 비식별화", "De-identification for AI call summaries",
             "통화 요약문에서 개인정보를 자동으로 가리는 한국어 NLP",
             "요약 서비스에 이름·주소·계좌번호가 남는 사례가 있습니다.",
             "재현율 99% 이상의 개인정보 탐지", ("ai", "software"), 7, (100_000_000, 400_000_000),
             "비식별화 기준표와 내부 평가셋 구성"),
    NeedSeed("corp_hyundai", "전기차 배터리 잔존 수명 진단", "EV battery state-of-health diagnosis",
             "사용 후 배터리의 잔존 수명을 빠르게 진단하는 기술을 찾습니다.",
             "재사용 배터리 검사에 팩당 6시간이 걸립니다.",
             "팩당 10분 이내 진단, 오차 3% 이내", ("mobility", "climate"), 6,
             (300_000_000, 800_000_000), "연간 회수 예정 팩 3만 개, 현재 검사 단가 12만원",
             "Fast state-of-health diagnosis for used EV battery packs."),
    NeedSeed("corp_hyundai", "자율주행 라이다 데이터 라벨링 자동화", "Automated lidar labelling for autonomous driving",
             "3D 포인트 클라우드 라벨링을 자동화하는 도구",
             "수작업 라벨링 비용이 연 수십억 원입니다.", "라벨링 시간 70% 단축",
             ("mobility", "ai"), 7, (200_000_000, 500_000_000), "라벨 클래스 정의서 v3"),
    NeedSeed("corp_hyundai", "도심 항공 모빌리티 소음 저감", "Noise reduction for urban air mobility",
             "UAM 기체의 로터 소음을 줄이는 설계·제어 기술", "도심 운항 허가에 소음 기준이 걸림돌입니다.",
             "이착륙 소음 65dB 이하", ("drone", "mobility"), 4, (None, 1_000_000_000),
             "시험 기체 로터 제원"),
    NeedSeed("corp_lotte", "매장별 수요 예측 AI", "Store-level demand forecasting",
             "날씨·행사·상권 데이터로 점포별 발주량을 예측하는 AI",
             "신선식품 폐기율이 점포별로 큰 차이를 보입니다.", "폐기율 20% 감소",
             ("ai", "commerce"), 7, (100_000_000, 300_000_000), "점포 POS 3년치 데이터 스키마"),
    NeedSeed("corp_lotte", "물류센터 피킹 로봇", "Picking robots for logistics centers",
             "다품종 소량 피킹을 자동화하는 로봇 솔루션", "피킹 인력 확보가 어렵습니다.",
             "시간당 600건 피킹", ("robotics", "commerce"), 6, (500_000_000, 2_000_000_000),
             "오산 물류센터 레이아웃 도면"),
    NeedSeed("corp_gs", "편의점 라스트마일 드론 배송", "Last-mile drone delivery for convenience stores",
             "편의점에서 아파트 단지까지 드론으로 배송하는 서비스 실증",
             "도서·산간 및 대단지 아파트 배송 시간이 깁니다.", "주문 후 15분 이내 배송",
             ("drone", "commerce"), 7, (100_000_000, 400_000_000), "실증 후보 점포 12곳 목록",
             "Drone delivery from convenience stores to apartment complexes."),
    NeedSeed("corp_gs", "유통기한 임박 상품 동적 가격", "Dynamic pricing for near-expiry products",
             "유통기한이 임박한 상품의 할인율을 자동으로 정하는 기술", "폐기 손실이 연간 수백억 원입니다.",
             "폐기 손실 30% 감소", ("commerce", "ai"), 6, (50_000_000, 200_000_000),
             "상품군별 마진 구조(기밀)"),
    NeedSeed("corp_cj", "식품 신선도 센서 포장", "Freshness-sensing food packaging",
             "포장 내부 가스를 감지해 신선도를 알려주는 인디케이터", "유통 중 변질을 소비자가 알기 어렵습니다.",
             "개당 원가 50원 이하", ("foodtech", "bio"), 5, (100_000_000, 300_000_000),
             "대상 제품군과 포장 소재 사양"),
    NeedSeed("corp_cj", "식물성 대체 단백 식감 개선", "Texture of plant-based protein",
             "식물성 단백질의 육류 식감을 높이는 가공 기술", "기존 제품의 식감 만족도가 낮습니다.",
             "관능평가 4.0/5 이상", ("foodtech", "bio"), 4, (200_000_000, 600_000_000),
             "현재 배합비와 압출 조건"),
    NeedSeed("corp_kt", "스마트시티 IoT 가로등 플랫폼", "Smart-city IoT streetlight platform",
             "가로등에 센서를 붙여 유동인구·대기질을 측정하는 플랫폼", "도시 데이터 수집 비용이 큽니다.",
             "가로등 1만 개 규모 운영", ("iot",), 7, (300_000_000, 1_000_000_000),
             "지자체 3곳과의 협의 현황"),
    NeedSeed("corp_kt", "AI 고객센터 한국어 감정 분석", "Korean emotion analysis for AI contact centers",
             "상담 음성에서 고객 감정을 실시간으로 파악하는 기술", "불만 고객 대응이 늦습니다.",
             "실시간 감정 분류 정확도 90%", ("ai", "software"), 6, (100_000_000, 300_000_000),
             "상담 녹취 샘플 1,000건"),
    NeedSeed("corp_kakao", "한국어 생성형 AI 안전성 필터", "Safety filter for Korean generative AI",
             "혐오·허위 정보를 걸러내는 한국어 LLM 안전성 분류기", "기존 필터는 한국어 신조어를 놓칩니다.",
             "유해 응답 90% 차단, 지연 50ms 이하", ("ai", "software"), 6,
             (200_000_000, 500_000_000), "레드팀 평가 데이터셋 구성과 기준",
             "A classifier that keeps Korean LLM answers safe."),
    NeedSeed("corp_kakao", "모빌리티 수요 예측", "Ride-hailing demand forecasting",
             "지역·시간대별 택시 호출 수요를 예측하는 AI", "배차 실패가 출퇴근 시간에 몰립니다.",
             "배차 성공률 5%p 향상", ("mobility", "ai"), 7, (100_000_000, 400_000_000),
             "호출 로그 집계 단위와 기간"),
    NeedSeed("corp_kakao", "소상공인 간편결제 이상거래 탐지", "Fraud detection for small-merchant payments",
             "간편결제의 이상 거래를 실시간으로 찾는 기술", "소액 다건 사기가 늘고 있습니다.",
             "이상거래 탐지율 95%", ("fintech", "ai"), 7, (150_000_000, 500_000_000),
             "탐지 규칙 현황과 오탐 사례"),
)  # fmt: skip


@dataclass(frozen=True)
class TechSeed:
    industry: str
    title_ko: str
    title_en: str
    teaser_ko: str
    teaser_en: str
    description_en: str
    fields: tuple[str, ...]
    trl: int
    licensing: tuple[str, ...]
    english_only: bool = False


TECHS: tuple[TechSeed, ...] = (
    TechSeed("climate", "", "Battery health diagnosis by impedance spectroscopy",
             "", "Estimates the state of health of used EV battery packs in minutes.",
             "Electrochemical impedance spectroscopy and a learned model give remaining useful life "
             "without a full charge cycle.", ("climate", "mobility"), 7, ("license", "poc"), True),
    TechSeed("climate", "건물 에너지 관리 AI", "AI building energy management",
             "빌딩 냉난방을 자동 제어해 전력을 절감합니다.", "Cuts HVAC energy use with predictive control.",
             "Model-predictive HVAC control from weather and occupancy data.", ("climate", "ai"), 8,
             ("supply", "poc")),
    TechSeed("ai", "", "Semiconductor process anomaly detection",
             "", "Finds early signs of yield loss in fab sensor streams.",
             "Unsupervised time-series models over equipment sensors; explains each alarm.",
             ("ai", "semiconductor"), 6, ("license", "joint_development"), True),
    TechSeed("ai", "한국어 개인정보 비식별화 엔진", "Korean PII de-identification engine",
             "문서·대화에서 이름, 주소, 계좌번호를 자동으로 가립니다.", "Masks names, addresses and account numbers.",
             "Named-entity recognition tuned for Korean personal information.", ("ai", "software"), 8,
             ("license", "supply")),
    TechSeed("ai", "LLM 유해 발화 분류기", "Harmful-content classifier for LLMs",
             "한국어 신조어까지 잡아내는 안전성 분류 모델", "A safety classifier that understands Korean slang.",
             "Distilled classifier, 30 ms per answer on CPU.", ("ai",), 7, ("license", "poc")),
    TechSeed("ai", "", "Demand forecasting for retail stores",
             "", "Forecasts store-level orders from weather, promotions and footfall.",
             "Gradient-boosted hierarchy forecasting with holiday effects for Korea.",
             ("ai", "commerce"), 7, ("supply", "poc"), True),
    TechSeed("ai", "상담 음성 감정 인식", "Emotion recognition in call audio",
             "상담 통화에서 고객의 감정을 실시간으로 분류합니다.", "Classifies customer emotion in real time.",
             "Speech emotion recognition trained on Korean call-centre audio.", ("ai", "software"), 6,
             ("license",)),
    TechSeed("ai", "", "Traffic forecasting for cellular base stations",
             "", "Predicts per-cell traffic to switch radios into sleep modes.",
             "Graph neural network forecasting over neighbouring cells.", ("ai", "iot"), 5,
             ("joint_development",), True),
    TechSeed("drone", "", "Autonomous drone delivery for apartment complexes",
             "", "Delivers parcels from a store to an apartment rooftop station in 10 minutes.",
             "Route planning, rooftop landing stations and remote monitoring for urban delivery.",
             ("drone", "commerce"), 7, ("poc", "supply"), True),
    TechSeed("drone", "드론 열화상 시설물 점검", "Thermal drone inspection of facilities",
             "열화상 드론으로 교량·태양광 패널의 결함을 찾습니다.", "Finds defects in bridges and solar panels.",
             "Thermal imaging and automatic defect detection from drone flights.", ("drone", "ai"), 8,
             ("supply", "poc")),
    TechSeed("drone", "저소음 로터 블레이드", "Low-noise rotor blades",
             "로터 소음을 6dB 줄이는 블레이드 형상", "A rotor blade shape that cuts noise by 6 dB.",
             "Serrated trailing edges optimised by aero-acoustic simulation.", ("drone", "mobility"), 4,
             ("license", "joint_development")),
    TechSeed("robotics", "", "Vision-based SLAM for low-cost robots",
             "", "Builds centimetre-accurate indoor maps with a camera and an IMU.",
             "Visual-inertial SLAM running on a microcontroller-class SoC.", ("robotics",), 6,
             ("license",), True),
    TechSeed("robotics", "물류 피킹 로봇 팔", "Logistics picking robot arm",
             "다품종 상품을 인식해 집어 옮기는 로봇 팔", "Picks mixed items from totes.",
             "Suction-gripper arm with 3D vision, 650 picks per hour.", ("robotics", "commerce"), 7,
             ("supply", "poc")),
    TechSeed("iot", "가로등 부착형 환경 센서", "Streetlight-mounted environment sensors",
             "가로등에 붙여 미세먼지와 유동인구를 측정합니다.", "Measures fine dust and footfall.",
             "Low-power sensor node with LTE-M and edge people counting.", ("iot", "climate"), 8,
             ("supply",)),
    TechSeed("iot", "", "Predictive maintenance from appliance telemetry",
             "", "Predicts washing-machine and fridge failures two weeks ahead.",
             "Anomaly detection over motor current and vibration signatures.", ("iot", "ai"), 6,
             ("license", "poc"), True),
    TechSeed("foodtech", "신선도 표시 스마트 라벨", "Freshness indicator labels",
             "포장 안의 가스를 감지해 색으로 신선도를 보여줍니다.", "Changes colour as food spoils.",
             "pH-sensitive dye label printed at 30 KRW per unit.", ("foodtech",), 6,
             ("license", "supply")),
    TechSeed("foodtech", "", "High-moisture extrusion for plant protein",
             "", "Gives plant-based protein a meat-like fibrous texture.",
             "Cooling-die extrusion process with tuned moisture and temperature profiles.",
             ("foodtech", "bio"), 5, ("license", "joint_development"), True),
    TechSeed("fintech", "간편결제 이상거래 탐지", "Real-time payment fraud detection",
             "소액 다건 사기를 실시간으로 탐지합니다.", "Detects small, repeated fraud in real time.",
             "Streaming graph features and gradient boosting, 20 ms per transaction.",
             ("fintech", "ai"), 8, ("supply", "license")),
    TechSeed("commerce", "유통기한 기반 동적 가격", "Expiry-aware dynamic pricing",
             "유통기한이 임박한 상품 할인율을 자동으로 정합니다.", "Sets markdowns as products near expiry.",
             "Reinforcement-learning markdown policy with store constraints.", ("commerce", "ai"), 6,
             ("supply", "poc")),
    TechSeed("mobility", "3D 포인트 클라우드 자동 라벨링", "Automatic point-cloud labelling",
             "라이다 데이터 라벨링을 자동화합니다.", "Automates lidar labelling.",
             "Active learning with human review for 3D bounding boxes.", ("mobility", "ai"), 7,
             ("supply", "license")),
    TechSeed("mobility", "", "Ride-hailing demand heatmaps",
             "", "Forecasts ride requests per district and hour.",
             "Spatio-temporal forecasting from call logs, weather and events.", ("mobility", "ai"), 7,
             ("supply",), True),
    TechSeed("bio", "비침습 혈당 측정", "Non-invasive glucose monitoring",
             "채혈 없이 혈당을 측정하는 웨어러블 센서", "Wearable glucose sensing without blood.",
             "Near-infrared spectroscopy with personal calibration.", ("bio",), 4, ("joint_development",)),
)  # fmt: skip

# University labs (Goyang consortium) offering technologies.
LAB_TECHS: tuple[tuple[str, TechSeed], ...] = (
    ("gy_kau", TechSeed("drone", "UAM 로터 공력소음 해석", "Aero-acoustic analysis of UAM rotors",
                        "도심항공 기체의 로터 소음을 해석·저감하는 기술", "Analyses and reduces UAM rotor noise.",
                        "Wind-tunnel validated simulation of rotor noise.", ("drone", "mobility"), 3,
                        ("joint_development", "license"))),
    ("gy_dongguk", TechSeed("bio", "", "Plant-cell cultured protein scaffold",
                            "", "Edible scaffolds for cultured protein.",
                            "Decellularised plant scaffolds seeded with cells.", ("bio", "foodtech"), 3,
                            ("license", "transfer"), True)),
)  # fmt: skip


@dataclass(frozen=True)
class ChallengeSeed:
    host: str
    kind: str
    title_ko: str
    title_en: str
    summary_ko: str
    fields: tuple[str, ...]
    fund: int
    opens: int  # days from today
    closes: int
    selected: int


CHALLENGES: tuple[ChallengeSeed, ...] = (
    ChallengeSeed("corp_hyundai", "top_down", "배터리 순환경제 오픈이노베이션", "Battery circular-economy challenge",
                  "사용 후 배터리 진단·재사용 기술로 함께 실증할 스타트업을 찾습니다.", ("climate", "mobility"),
                  80_000_000, -20, 25, 2),
    ChallengeSeed("corp_gs", "top_down", "편의점 미래 배송 챌린지", "Future delivery challenge",
                  "드론·로봇으로 편의점 배송을 바꿀 아이디어를 기다립니다.", ("drone", "robotics", "commerce"),
                  50_000_000, -10, 30, 2),
    ChallengeSeed("corp_kakao", "open_call", "카카오 AI 오픈콜", "Kakao AI open call",
                  "AI 기술을 가진 스타트업이라면 분야 제한 없이 제안하세요.", ("ai",), 30_000_000, -5, 40, 3),
    ChallengeSeed("gov_seoul", "top_down", "서울시 스마트시티 실증 챌린지", "Seoul smart-city testbed challenge",
                  "서울시 도시 문제를 해결할 IoT·AI 기술을 공공 현장에서 실증합니다.", ("iot", "ai", "climate"),
                  100_000_000, -15, 20, 3),
    ChallengeSeed("corp_lotte", "top_down", "유통 물류 자동화 챌린지 2025", "Retail logistics automation 2025",
                  "물류센터 자동화 기술 실증 (지난 모집).", ("robotics", "commerce"), 60_000_000, -200, -150, 2),
    ChallengeSeed("corp_cj", "open_call", "푸드테크 오픈이노베이션 2025", "Foodtech open innovation 2025",
                  "식품 신선도·대체 단백 기술 (지난 모집).", ("foodtech", "bio"), 40_000_000, -180, -140, 1),
)  # fmt: skip

# Deal plans: the stage each deal reaches, and a drop reason when it ends there dropped.
DEAL_PLAN: tuple[tuple[str, str], ...] = (
    ("matched", ""), ("matched", ""), ("matched", ""), ("matched", "no_response"),
    ("contacted", ""), ("contacted", ""), ("contacted", "no_fit"), ("contacted", "timing"),
    ("meeting", ""), ("meeting", ""), ("meeting", "price"), ("meeting", "no_fit"),
    ("nda", ""), ("nda", ""), ("nda", "internal"),
    ("poc", ""), ("poc", ""), ("poc", "other_partner"),
    ("contract", ""), ("contract", ""),
    ("matched", ""), ("contacted", ""), ("meeting", ""), ("matched", "no_fit"),
    ("contacted", "no_response"), ("nda", ""), ("poc", ""), ("contract", ""),
)  # fmt: skip
MESSAGES = (
    ("buyer", "안녕하세요, 매칭 결과를 보고 연락드립니다. 다음 주에 30분 정도 통화 가능하실까요?"),
    ("seller", "네, 화요일 오후 2시 어떠세요? 기술 소개 자료를 미리 보내드리겠습니다."),
    ("buyer", "좋습니다. NDA 체결 후 현장 데이터 샘플을 공유드릴게요."),
    ("seller", "Thanks — we can run a two-week pilot on your sample data."),
)


def _patents(rng: random.Random) -> list[str]:
    out = [f"10-{rng.randint(2019, 2025)}-{rng.randint(1, 9_999_999):07d}"]
    if rng.random() < 0.5:
        out.append(f"10-{rng.randint(2_000_000, 2_800_000)}")
    return out


def _startups(industry: str, *, exclude: set[int]) -> list[Organization]:
    qs = Organization.objects.filter(kind="startup", industry=industry).exclude(pk__in=exclude)
    # Startups based at the demo staff's institution first, so that its funnel has data.
    from sadari.demo.institutions import FIXED_BY_KEY

    staff_home = FIXED_BY_KEY["city_gongdeok"].name_ko
    based = list(qs.filter(host__name_ko=staff_home).order_by("id")[:2])
    return based + list(qs.exclude(pk__in=[o.pk for o in based]).order_by("id")[:6])


def _at(now: datetime, days_ago: float) -> datetime:
    return now - timedelta(days=days_ago)


@dataclass
class TechtradeReport:
    needs: int = 0
    technologies: int = 0
    challenges: int = 0
    proposals: int = 0
    pocs: int = 0
    deals: int = 0
    requests: int = 0
    seconds: float = 0.0


def seed_techtrade(*, seed: int = 2026, log: Log = lambda _msg: None) -> TechtradeReport:
    """Seeds the tech-trade demo over an existing directory demo (one transaction)."""
    started = time.monotonic()
    rng = random.Random(f"{seed}:techtrade")
    now = timezone.now()
    today = timezone.localdate()
    report = TechtradeReport()
    with transaction.atomic():
        orgs = {
            key: Organization.objects.filter(name_ko=name).order_by("id").first()
            for key, name in _fixed_names().items()
        }
        founder = User.objects.filter(username="founder").first()
        corporate_user = User.objects.filter(username="corporate").first()
        founder_org = (
            founder.memberships.select_related("organization").first().organization
            if founder and founder.memberships.exists()
            else Organization.objects.filter(kind="startup").order_by("id").first()
        )
        if founder_org is None:
            return report
        needs = _create_needs(rng, orgs, now)
        techs = _create_technologies(rng, orgs, founder_org, now)
        report.needs, report.technologies = len(needs), len(techs)
        nda_publish(
            owner=orgs["corp_samsung"], by=None, title="삼성전자 기술협력 비밀유지계약 (v2)",
            text_ko=nda_current_for(owner=orgs["corp_samsung"]).text_ko
            + "\n6. 반도체 공정 정보는 별도 보안 서약 대상입니다.",
            text_en=nda_current_for(owner=orgs["corp_samsung"]).text_en
            + "\n6. Fab process information is subject to a separate security pledge.",
        )  # fmt: skip
        report.requests = _create_requests(rng, needs, techs, founder_org, corporate_user, orgs)
        challenges, proposals, pocs = _create_challenges(rng, orgs, founder_org, techs, today, now)
        report.challenges, report.proposals, report.pocs = len(challenges), proposals, pocs
        report.deals = _create_deals(rng, needs, techs, now)
        _backdate_deals()
        _store_vectors(needs, techs, challenges)
    report.seconds = time.monotonic() - started
    log(
        f"기술거래: 수요 {report.needs}건, 기술 {report.technologies}건, 챌린지 {report.challenges}개, "
        f"제안 {report.proposals}건, PoC {report.pocs}건, 거래 {Deal.objects.count()}건, "
        f"열람 요청 {report.requests}건 — {report.seconds:.1f}s"
    )
    return report


def _fixed_names() -> dict[str, str]:
    from sadari.demo.institutions import FIXED_BY_KEY

    keys = {s.corp for s in NEEDS} | {c.host for c in CHALLENGES} | {k for k, _t in LAB_TECHS}
    return {key: FIXED_BY_KEY[key].name_ko for key in keys}


def _create_needs(rng: random.Random, orgs: dict, now: datetime) -> list[TechNeed]:
    needs = []
    for i, s in enumerate(NEEDS):
        owner = orgs.get(s.corp)
        if owner is None:
            continue
        status = "paused" if i % 9 == 8 else "open"
        needs.append(
            need_create(
                owner=owner,
                title_ko=s.title_ko,
                title_en=s.title_en if i % 3 else "",
                teaser_ko=s.teaser_ko,
                teaser_en=s.teaser_en,
                problem_ko=s.problem_ko,
                outcome_ko=s.outcome_ko,
                fields=list(s.fields),
                trl_wanted=s.trl,
                budget_min_krw=s.budget[0],
                budget_max_krw=s.budget[1],
                deadline=(now + timedelta(days=rng.randint(30, 150))).date(),
                details_ko=s.details_ko,
                status=status,
                is_fictional=True,
                published_at=_at(now, rng.randint(40, 220)),
            )
        )
    return needs


def _create_technologies(
    rng: random.Random, orgs: dict, founder_org: Organization, now: datetime
) -> list[Technology]:
    techs: list[Technology] = []
    used: set[int] = {founder_org.pk}

    def create(owner: Organization, s: TechSeed, days: int) -> Technology:
        tech = technology_create(
            owner=owner,
            title_ko="" if s.english_only else s.title_ko,
            title_en=s.title_en,
            teaser_ko="" if s.english_only else s.teaser_ko,
            teaser_en=s.teaser_en,
            description_en=s.description_en,
            fields=list(s.fields),
            trl=s.trl,
            patents=_patents(rng),
            licensing_models=list(s.licensing),
            price_min_krw=rng.choice([None, 30_000_000, 50_000_000]),
            price_max_krw=rng.choice([None, 200_000_000, 400_000_000]),
            details_en=_tech_details_en(s, owner, rng),
            details_ko=_tech_details_ko(s, owner, rng),
            is_fictional=True,
            published_at=_at(now, days),
        )
        techs.append(tech)
        return tech

    # The demo founder's drone startup: one English-only and one Korean technology.
    create(founder_org, TECHS[8], 60)
    create(founder_org, TECHS[9], 120)
    for s in TECHS:
        if s is TECHS[8] or s is TECHS[9]:
            continue
        for n, owner in enumerate(_startups(s.industry, exclude=used)[: rng.randint(1, 3)]):
            used.add(owner.pk)
            create(owner, _variant(s, n), rng.randint(20, 240))
    for key, s in LAB_TECHS:
        if orgs.get(key) is not None:
            create(orgs[key], s, rng.randint(30, 200))
    return techs


# Competing offers of the same kind of technology read as different products, not copies.
VARIANTS = (("", ""), ("저비용 ", "Low-cost "), ("클라우드형 ", "Cloud-based "))


def _variant(s: TechSeed, n: int) -> TechSeed:
    ko, en = VARIANTS[n % len(VARIANTS)]
    if not ko:
        return s
    title = s.title_en
    title_en = en + (title[0].lower() + title[1:] if title[1:2].islower() else title)
    return replace(s, title_ko=ko + s.title_ko if s.title_ko else "", title_en=title_en)


def _tech_details_ko(s: TechSeed, owner: Organization, rng: random.Random) -> str:
    """Each offer's own confidential details (what an NDA would actually cover), so that a
    leak of one item's details is recognizable as that item's."""
    return (
        f"[{owner.name_ko} 기밀] {s.title_ko or s.title_en}: 실증 {rng.randint(3, 40)}건의 성능 "
        f"검증 결과, 단가표(개당 {rng.randint(2, 90) * 10_000:,}원부터), "
        f"레퍼런스 고객 {rng.randint(2, 9)}곳 목록"
    )


def _tech_details_en(s: TechSeed, owner: Organization, rng: random.Random) -> str:
    return (
        f"[{owner.name_en or owner.name_ko} confidential] {s.title_en}: results of "
        f"{rng.randint(3, 40)} field trials, the price list and {rng.randint(2, 9)} reference "
        "customers."
    )


def _request(item: Any, requester: Organization, status: str, user: Any, now: datetime) -> None:
    nda = nda_current_for(owner=item.owner)
    acceptance, _created = NdaAcceptance.objects.get_or_create(
        nda=nda,
        organization=requester,
        defaults={"user": user, "text_sha256": nda.sha256},
    )
    key = {"need": item} if isinstance(item, TechNeed) else {"technology": item}
    _request_row, created = DetailRequest.objects.get_or_create(
        requester=requester,
        **key,
        defaults={
            "acceptance": acceptance,
            "requested_by": user,
            "status": status,
            "message": "협력 검토를 위해 상세 정보를 요청드립니다.",
            "decided_at": None if status == RequestStatus.PENDING else now,
        },
    )
    if created and status == RequestStatus.APPROVED and user is not None:
        listing_details_read(user=user, item=item, via="page")


def _create_requests(
    rng: random.Random, needs: list, techs: list, founder_org, corporate_user, orgs: dict
) -> int:
    """NDAs in every state: pending, approved, declined and revoked requests both ways."""
    now = timezone.now()
    kakao = orgs.get("corp_kakao")
    statuses = [RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.DECLINED,
                RequestStatus.REVOKED]  # fmt: skip
    count = 0
    # The founder's Korean technology: Kakao approved (the corporate demo user reads it), and
    # a pending request from Hyundai for the founder to decide on.
    founder_techs = [t for t in techs if t.owner_id == founder_org.pk]
    if kakao is not None and len(founder_techs) > 1:
        _request(founder_techs[1], kakao, RequestStatus.APPROVED, corporate_user, now)
        _request(founder_techs[1], orgs["corp_hyundai"], RequestStatus.PENDING, None, now)
        count += 2
    # Kakao (the corporate demo login) has a startup's request waiting for its decision.
    kakao_needs = [n for n in needs if n.owner_id == getattr(kakao, "pk", None)]
    if kakao_needs:
        asking = [t.owner for t in techs if "ai" in t.fields and t.owner_id != founder_org.pk]
        if asking:
            _request(kakao_needs[0], asking[0], RequestStatus.PENDING, None, now)
            count += 1
    # Startups asking corporates about needs, corporates asking startups about technologies.
    for i, need in enumerate(needs[:12]):
        candidates = [t.owner for t in techs if set(t.fields) & set(need.fields)]
        if not candidates:
            continue
        requester = candidates[i % len(candidates)]
        if requester.pk == founder_org.pk and need.owner_id == getattr(kakao, "pk", None):
            continue  # leave the founder → Kakao path for the walk-through
        _request(need, requester, statuses[i % 4], None, now)
        count += 1
    corporates = [o for o in orgs.values() if o is not None and o.kind == "corporate"]
    for i, tech in enumerate(techs[2:16]):
        requester = corporates[i % len(corporates)]
        user = corporate_user if requester == kakao else None
        _request(tech, requester, statuses[(i + 1) % 4], user, now)
        count += 1
    return count


def _create_challenges(rng, orgs, founder_org, techs, today, now):
    challenges: list[Challenge] = []
    proposals = 0
    for c in CHALLENGES:
        host = orgs.get(c.host)
        if host is None:
            continue
        opens = today + timedelta(days=c.opens)
        closes = today + timedelta(days=c.closes)
        past = c.closes < 0
        challenge = challenge_create(
            host=host,
            kind=c.kind,
            title_ko=c.title_ko,
            title_en=c.title_en,
            summary_ko=c.summary_ko,
            problem_ko=c.summary_ko + " 실증 비용과 현장을 제공합니다.",
            eligibility_ko="창업 7년 이내 스타트업, 대학 연구실 (서울·경기 소재)",
            eligibility_en="Startups under 7 years and university labs in Seoul or Gyeonggi.",
            fields=list(c.fields),
            opens_on=opens,
            closes_on=closes,
            announce_on=closes + timedelta(days=14),
            poc_starts_on=closes + timedelta(days=30),
            poc_ends_on=closes + timedelta(days=120),
            poc_fund_krw=c.fund,
            max_selected=c.selected,
            status="closed" if past else "open",
            is_fictional=True,
        )
        challenges.append(challenge)
        candidates = [
            t for t in techs if set(t.fields) & set(c.fields) and t.owner.kind == "startup"
        ]
        seen: set[int] = set()
        submitted = []
        for tech in candidates:
            if tech.owner_id in seen or (tech.owner_id == founder_org.pk and not past):
                continue
            seen.add(tech.owner_id)
            challenge.status = "open"
            submitted.append(
                proposal_submit(
                    challenge=challenge,
                    startup=tech.owner,
                    by=None,
                    title=f"{tech.title} 실증 제안",
                    summary=f"{tech.teaser or tech.title}\n\n{c.title_ko}의 과제에 맞춰 8주 실증을 제안합니다.",
                    poc_plan="1~2주 현장 데이터 수집, 3~6주 적용, 7~8주 성과 측정",
                    requested_fund_krw=c.fund,
                    technology=tech,
                    today=opens,
                    is_fictional=True,
                )
            )
            proposal = submitted[-1]
            created = opens + timedelta(days=len(submitted))
            Proposal.objects.filter(pk=proposal.pk).update(
                created_at=timezone.make_aware(datetime.combine(created, datetime.min.time()))
                + timedelta(hours=10)
            )
            proposal.refresh_from_db()
            if len(submitted) >= 5:
                break
        if past:
            Challenge.objects.filter(pk=challenge.pk).update(status="closed")
            challenge.status = "closed"
        proposals += len(submitted)
        for i, proposal in enumerate(submitted):
            decide_at = _at(now, rng.randint(1, 10)) if not past else _at(now, 130)
            if past and i < c.selected:
                proposal_decide(proposal=proposal, by=None, decision="shortlist", at=decide_at)
                proposal_decide(proposal=proposal, by=None, decision="select", at=decide_at)
            elif past:
                proposal_decide(proposal=proposal, by=None, decision="decline", at=decide_at)
            elif i == 0:
                proposal_decide(proposal=proposal, by=None, decision="shortlist", at=decide_at)
    pocs = list(Poc.objects.filter(challenge__in=challenges))
    for i, poc in enumerate(pocs):
        done = poc.milestones.order_by("position")
        for m in done[: 3 if i == 0 else 1]:
            poc_milestone_toggle(milestone=m, by=None, today=today - timedelta(days=20))
        poc_update(
            poc=poc,
            by=None,
            status="succeeded" if i == 0 else "running",
            result="검사 시간 85% 단축, 본계약 협의 중" if i == 0 else "",
        )
    return challenges, proposals, len(pocs)


def _create_deals(rng: random.Random, needs: list, techs: list, now: datetime) -> int:
    """Deals from needs to matching technologies, each moved through the pipeline with
    realistic gaps, some dropped with a reason; messages on the active ones."""
    pairs = [
        (need, tech)
        for need in needs
        for tech in techs
        if set(need.fields) & set(tech.fields) and tech.owner.kind == "startup"
    ]
    rng.shuffle(pairs)
    count = 0
    for (need, tech), (target, reason) in zip(pairs, DEAL_PLAN, strict=False):
        start = need.published_at + timedelta(days=rng.randint(2, 12))
        deal = deal_open(
            buyer=need.owner, seller=tech.owner, need=need, technology=tech, by=None,
            stage=DealStage.MATCHED, at=start, is_fictional=True,
        )  # fmt: skip
        at = start
        for stage in PIPELINE[2 : PIPELINE.index(target) + 1]:
            at = min(at + timedelta(days=rng.randint(3, 21)), now - timedelta(hours=1))
            if deal.stage != stage:
                deal = deal_move(deal=deal, to_stage=stage, by=None, at=at)
        if reason:
            at = min(at + timedelta(days=rng.randint(5, 25)), now - timedelta(minutes=30))
            deal_move(deal=deal, to_stage=DealStage.DROPPED, by=None, reason=reason, at=at)
        elif target not in ("matched",):
            for i, (side, body) in enumerate(MESSAGES[: rng.randint(2, 4)]):
                org_id = deal.buyer_id if side == "buyer" else deal.seller_id
                message = DealMessage.objects.create(deal=deal, organization_id=org_id, body=body)
                DealMessage.objects.filter(pk=message.pk).update(
                    created_at=min(start + timedelta(days=i + 1), now)
                )
        count += 1
    return count


def _backdate_deals() -> None:
    """A deal was opened when it first left "posted" (the history says when), not on the day
    the demo ran: the funnel export's "created" column reads like real data."""
    first = (
        DealStageChange.objects.exclude(stage=DealStage.POSTED)
        .values("deal_id")
        .annotate(first=Min("at"))
        .values_list("deal_id", "first")
    )
    for deal_id, at in first:
        Deal.objects.filter(pk=deal_id).update(created_at=at)


def _store_vectors(needs: list, techs: list, challenges: list) -> None:
    """Encodes every item in one batch per kind (the per-item background tasks then find
    their vectors current and do nothing)."""
    encoder = matching.current_encoder()
    if encoder is None:
        return
    for kind, items in (("need", needs), ("technology", techs), ("challenge", challenges)):
        fresh = type(items[0]).objects.filter(pk__in=[i.pk for i in items]) if items else []
        docs = [(i.pk, matching.DOC_OF[kind](i)) for i in fresh]
        if docs:
            matching.vectors_for(kind, docs, encoder)
    matching.clear_cache()
