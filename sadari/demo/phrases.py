"""Sentence templates for generated descriptions, bios, programs and spaces (Korean + English).

The set is kept small on purpose: the search analyzer memoizes its work per text, so a few
thousand distinct descriptions index much faster than one per organization. Descriptions never
contain a generated name.
"""

from dataclasses import dataclass

from sadari.directory.enums import Industry, SpaceKind, Stage

# Industry words used in sentences: (Korean, English, English article).
INDUSTRY_WORDS: dict[str, tuple[str, str, str]] = {
    Industry.AI: ("AI", "AI", "an"),
    Industry.DRONE: ("드론", "drone", "a"),
    Industry.BIO: ("바이오·헬스케어", "bio and healthcare", "a"),
    Industry.CONTENT: ("콘텐츠", "content", "a"),
    Industry.SOFTWARE: ("소프트웨어", "software", "a"),
    Industry.ROBOTICS: ("로봇", "robotics", "a"),
    Industry.FINTECH: ("핀테크", "fintech", "a"),
    Industry.IOT: ("IoT", "IoT", "an"),
    Industry.COMMERCE: ("이커머스", "e-commerce", "an"),
    Industry.MOBILITY: ("모빌리티", "mobility", "a"),
    Industry.EDUTECH: ("에듀테크", "edtech", "an"),
    Industry.FOODTECH: ("푸드테크", "food-tech", "a"),
    Industry.CLIMATE: ("기후테크", "climate-tech", "a"),
    Industry.MANUFACTURING: ("제조", "manufacturing", "a"),
    Industry.SOCIAL: ("소셜벤처", "social-venture", "a"),
    Industry.FASHION: ("패션·뷰티", "fashion and beauty", "a"),
    Industry.GAMES: ("게임", "game", "a"),
    Industry.SEMICONDUCTOR: ("반도체", "semiconductor", "a"),
    Industry.PROPTECH: ("프롭테크", "proptech", "a"),
    Industry.HRTECH: ("HR테크·채용", "HR-tech and recruiting", "an"),
    Industry.OTHER: ("기술", "technology", "a"),
}

# What a startup does: (Korean adnominal clause, English verb phrase).
WHAT: dict[str, tuple[tuple[str, str], ...]] = {
    Industry.AI: (
        ("생성형 AI로 기업 문서 업무를 자동화하는", "automates document work with generative AI"),
        ("컴퓨터 비전 AI로 제조 현장의 불량을 검출하는", "detects factory defects with vision AI"),
        ("빅데이터 분석과 AI 추천 엔진을 개발하는", "builds big-data analytics and AI recommenders"),
        ("한국어 자연어처리 AI 모델을 만드는", "builds Korean natural-language AI models"),
    ),
    Industry.DRONE: (
        ("산업용 드론으로 시설물 점검과 측량을 자동화하는",
         "automates facility inspection and surveying with industrial drones"),
        ("드론 배송과 관제 소프트웨어를 개발하는", "develops drone delivery and flight control"),
        ("농업용 방제 드론과 영상 분석 서비스를 제공하는",
         "offers crop-spraying drones and image analysis"),
        ("도심항공교통(UAM)과 드론 부품을 연구하는",
         "researches urban air mobility and drone parts"),
    ),
    Industry.BIO: (
        ("디지털 헬스케어 앱으로 만성질환을 관리하는",
         "manages chronic diseases with a digital-health app"),
        ("AI 기반으로 신약 후보물질을 발굴하는", "discovers drug candidates with AI"),
        ("체외진단 키트와 바이오 소재를 개발하는", "develops diagnostic kits and bio materials"),
        ("의료 영상 판독 보조 솔루션을 만드는", "builds medical-imaging reading assistants"),
    ),
    Industry.CONTENT: (
        ("웹툰과 웹소설 IP를 기획하고 제작하는", "creates webtoon and web-novel IP"),
        ("숏폼 영상 콘텐츠를 제작하고 유통하는", "produces and distributes short-form video"),
        ("XR·메타버스 공연 콘텐츠를 만드는", "makes XR and metaverse performances"),
        ("K-콘텐츠 현지화와 자막 번역을 제공하는", "localizes and subtitles Korean content"),
    ),
    Industry.SOFTWARE: (
        ("중소기업을 위한 SaaS 업무관리 도구를 만드는", "builds SaaS work tools for SMEs"),
        ("클라우드 보안과 인증 솔루션을 개발하는", "develops cloud security and authentication"),
        ("개발자를 위한 API 플랫폼을 운영하는", "runs an API platform for developers"),
        ("공공·기업용 데이터 플랫폼을 구축하는", "builds data platforms for public and business"),
    ),
    Industry.ROBOTICS: (
        ("물류센터용 자율주행 로봇을 개발하는", "develops autonomous robots for warehouses"),
        ("식당과 카페용 서빙·조리 로봇을 만드는", "makes serving and cooking robots"),
        ("협동 로봇 팔과 비전 제어 소프트웨어를 만드는",
         "makes collaborative robot arms and vision control"),
        ("돌봄·재활 로봇을 연구하는", "researches care and rehabilitation robots"),
    ),
    Industry.FINTECH: (
        ("소상공인을 위한 간편결제와 정산 서비스를 제공하는",
         "offers easy payments and settlement for small merchants"),
        ("AI 신용평가 모델로 대안 금융을 연결하는", "connects alternative finance via AI scoring"),
        ("개인 자산관리와 마이데이터 서비스를 운영하는", "runs asset management and MyData"),
        ("기업용 경비·법인카드 관리 서비스를 만드는", "builds expense and corporate-card tools"),
    ),
    Industry.IOT: (
        ("스마트홈 IoT 센서와 플랫폼을 개발하는", "develops smart-home IoT sensors and platforms"),
        ("공장 설비의 IoT 예지보전 솔루션을 제공하는", "offers IoT predictive maintenance"),
        ("스마트시티 IoT 관제 시스템을 구축하는", "builds smart-city IoT monitoring"),
        ("저전력 IoT 통신 모듈을 설계하는", "designs low-power IoT modules"),
    ),
    Industry.COMMERCE: (
        ("D2C 브랜드를 위한 이커머스 솔루션을 제공하는", "offers e-commerce tools for D2C brands"),
        ("라이브커머스 방송과 판매를 지원하는", "supports live-commerce streaming and sales"),
        ("소상공인의 온라인 판로와 물류를 연결하는",
         "connects small merchants with online sales and logistics"),
        ("중고거래와 리커머스 플랫폼을 운영하는", "runs second-hand and re-commerce platforms"),
    ),
    Industry.MOBILITY: (
        ("전동 킥보드와 자전거 공유 서비스를 운영하는", "runs e-scooter and bike sharing"),
        ("자율주행 차량용 인지 소프트웨어를 개발하는", "develops perception for self-driving cars"),
        ("화물 운송과 배차 최적화 플랫폼을 만드는", "builds freight and dispatch optimization"),
        ("전기차 충전 인프라를 운영하는", "operates EV-charging infrastructure"),
    ),
    Industry.EDUTECH: (
        ("AI 튜터로 맞춤형 학습을 제공하는", "offers personalized learning with an AI tutor"),
        ("코딩 교육 플랫폼을 운영하는", "runs a coding-education platform"),
        ("직무 교육과 온라인 강의를 제작하는", "produces job training and online courses"),
        ("외국어 말하기 학습 앱을 만드는", "builds a language-speaking app"),
    ),
    Industry.FOODTECH: (
        ("대체 단백질 식품을 개발하는", "develops alternative-protein foods"),
        ("스마트팜 재배 시스템을 만드는", "builds smart-farm growing systems"),
        ("급식·식자재 유통 플랫폼을 운영하는", "runs a catering and food-supply platform"),
        ("밀키트와 간편식 브랜드를 만드는", "makes meal-kit and convenience-food brands"),
    ),
    Industry.CLIMATE: (
        ("탄소배출 측정·관리 솔루션을 제공하는", "offers carbon measurement and management"),
        ("태양광 발전량 예측 소프트웨어를 만드는", "builds solar-generation forecasting"),
        ("폐배터리 재활용 기술을 개발하는", "develops battery-recycling technology"),
        ("건물 에너지 효율 관리 서비스를 제공하는", "offers building energy management"),
    ),
    Industry.MANUFACTURING: (
        ("스마트공장 공정 관리 솔루션을 제공하는", "offers smart-factory process management"),
        ("3D 프린팅 시제품 제작 서비스를 운영하는", "runs 3D-printing prototyping"),
        ("정밀 부품과 센서를 생산하는", "produces precision parts and sensors"),
        ("제조 설비 자동화 장비를 만드는", "makes factory-automation equipment"),
    ),
    Industry.SOCIAL: (
        ("발달장애인 일자리를 만드는", "creates jobs for people with developmental disabilities"),
        ("지역 상권을 살리는 로컬 브랜드를 운영하는", "runs local brands that revive neighbourhoods"),
        ("업사이클링 제품을 만드는", "makes upcycled products"),
        ("어르신 돌봄과 말벗 서비스를 제공하는", "offers elderly care and companionship"),
    ),
    Industry.FASHION: (
        ("AI 가상 피팅 서비스를 제공하는", "offers AI virtual fitting"),
        ("클린 뷰티 화장품 브랜드를 운영하는", "runs a clean-beauty cosmetics brand"),
        ("패션 디자이너와 봉제 공장을 연결하는", "connects fashion designers with factories"),
        ("맞춤형 스킨케어를 추천하는", "recommends personalized skincare"),
    ),
    Industry.GAMES: (
        ("모바일 캐주얼 게임을 개발하는", "develops casual mobile games"),
        ("인디 게임을 제작하고 퍼블리싱하는", "makes and publishes indie games"),
        ("VR 게임과 e스포츠 플랫폼을 만드는", "builds VR games and e-sports platforms"),
        ("게임 개발 도구와 엔진 플러그인을 만드는", "makes game-development tools"),
    ),
    Industry.SEMICONDUCTOR: (
        ("AI 반도체를 설계하는", "designs AI chips"),
        ("반도체 검사 장비를 개발하는", "develops semiconductor inspection equipment"),
        ("전력 반도체 소자를 연구하는", "researches power-semiconductor devices"),
        ("반도체 공정 데이터 분석 솔루션을 만드는", "analyzes semiconductor process data"),
    ),
    Industry.PROPTECH: (
        ("공간 데이터로 상업용 부동산을 분석하는", "analyzes commercial real estate with data"),
        ("공유 오피스와 주거 서비스를 운영하는", "runs shared offices and living services"),
        ("건설 현장 관리 소프트웨어를 만드는", "builds construction-site software"),
        ("임대 관리와 전자계약 플랫폼을 운영하는", "runs rental management and e-contracts"),
    ),
    Industry.HRTECH: (
        ("AI 채용 매칭 플랫폼을 운영하는", "runs an AI recruiting and matching platform"),
        ("청년 구직자와 스타트업을 잇는 채용 서비스를 만드는",
         "connects young job seekers with startups"),
        ("역량 평가와 온라인 면접 솔루션을 제공하는", "offers skills tests and online interviews"),
        ("프리랜서·긱워커 일자리 플랫폼을 운영하는", "runs a freelance and gig-work platform"),
    ),
    Industry.OTHER: (
        ("B2B 업무 효율화 서비스를 제공하는", "offers B2B productivity services"),
        ("반려동물 헬스케어 서비스를 만드는", "builds pet-healthcare services"),
        ("여행·레저 예약 플랫폼을 운영하는", "runs travel and leisure booking"),
        ("생활 편의 O2O 서비스를 제공하는", "offers everyday O2O services"),
    ),
}  # fmt: skip

STAGE_SENTENCES: dict[str, tuple[str, str]] = {
    Stage.IDEA: ("아이디어를 검증하며 첫 고객을 찾고 있습니다.",
                 "It is validating its idea and looking for first customers."),
    Stage.PRE_SEED: ("시제품(MVP)을 출시하고 초기 사용자를 모으고 있습니다.",
                     "It has launched an MVP and is gathering early users."),
    Stage.SEED: ("시드 투자를 유치해 제품-시장 적합성을 높이고 있습니다.",
                 "It raised a seed round and is working on product-market fit."),
    Stage.PRE_A: ("매출이 발생하고 있으며 프리A 단계에서 팀을 키우고 있습니다.",
                  "It has revenue and is growing its team at pre-Series A."),
    Stage.SERIES_A: ("시리즈A 투자 이후 국내 시장을 빠르게 넓히고 있습니다.",
                     "After its Series A it is expanding quickly across Korea."),
    Stage.SERIES_B: ("시리즈B 투자를 받아 해외 진출을 준비하고 있습니다.",
                     "Backed by a Series B, it is preparing to go abroad."),
    Stage.SERIES_C: ("시리즈C 이후 해외 법인을 운영하며 사업을 넓히고 있습니다.",
                     "Since its Series C it runs overseas subsidiaries and keeps growing."),
    Stage.LISTED: ("코스닥 상장 이후 신사업을 발굴하고 있습니다.",
                   "Listed on KOSDAQ, it is developing new businesses."),
}  # fmt: skip

EXTRA_SENTENCES: tuple[tuple[str, str], ...] = (
    ("현재 개발자와 기획자를 채용하고 있습니다.", "It is hiring developers and product managers."),
    ("청년 인턴과 신입 개발자 채용을 진행하고 있습니다.",
     "It is recruiting young interns and junior developers."),
    ("대기업과의 오픈이노베이션 협업을 찾고 있습니다.",
     "It is looking for open-innovation partnerships with corporates."),
    ("기술 이전과 공동 연구 파트너를 찾고 있습니다.",
     "It is looking for technology-transfer and joint-research partners."),
    ("후속 투자 유치를 준비하고 있습니다.", "It is preparing its next funding round."),
    ("해외 바이어와 판로를 찾고 있습니다.", "It is looking for overseas buyers and channels."),
)  # fmt: skip


def startup_description(industry: str, what: int, stage: str, extra: int | None) -> tuple[str, str]:
    """A startup's Korean and English description from template indexes."""
    word_ko, word_en, article = INDUSTRY_WORDS[industry]
    what_ko, what_en = WHAT[industry][what]
    stage_ko, stage_en = STAGE_SENTENCES[stage]
    ko = f"{what_ko} {word_ko} 스타트업입니다. {stage_ko}"
    en = f"{article.capitalize()} {word_en} startup that {what_en}. {stage_en}"
    if extra is not None:
        ko = f"{ko} {EXTRA_SENTENCES[extra][0]}"
        en = f"{en} {EXTRA_SENTENCES[extra][1]}"
    return ko, en


# --- fixed organizations ------------------------------------------------------------------

# What kind of place a fixed organization is, by kind/category key.
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "hub": ("혁신허브", "an innovation hub"),
    "city_facility": ("공공 창업지원시설", "a public startup-support facility"),
    "private_facility": ("민간 창업지원시설", "a private startup-support facility"),
    "startup_cafe": ("서울창업카페", "a Seoul Startup Café"),
    "academy": ("청년취업사관학교(SeSAC) 캠퍼스", "a Youth Employment Academy (SeSAC) campus"),
    "vc": ("벤처캐피털", "a venture capital firm"),
    "cvc": ("기업형 벤처캐피털(CVC)", "a corporate venture capital firm"),
    "accelerator": ("액셀러레이터", "an accelerator"),
    "corporate": ("대기업", "a large corporate"),
    "target_group_center": ("대상별 창업지원센터", "a startup center for a target group"),
    "consortium_member": ("고양시 창업지원 협력기관", "a partner of Goyang's startup consortium"),
    "public_agency": ("공공기관", "a public agency"),
}

CAFE_SENTENCE = (
    "혁신적인 아이디어가 있는 누구나 전문가에게 사업화 가능성을 진단받고 멘토링을 받는 "
    "365 피칭센터가 운영됩니다.",
    "Its 365 Pitching Center lets anyone with an innovative idea have experts assess it and "
    "get mentoring.",
)
ACADEMY_SENTENCE = (
    "캠퍼스의 취업코디네이터가 교육생과 채용 기업을 연결합니다.",
    "The campus job coordinator links trainees with hiring companies.",
)
FICTIONAL_FACILITY_SENTENCES: tuple[tuple[str, str], ...] = (
    ("입주 기업에 사무공간, 멘토링, 투자 연계를 제공합니다.",
     "It offers resident startups office space, mentoring and investor links."),
    ("예비창업자와 초기 스타트업을 위한 교육과 네트워킹 행사를 엽니다.",
     "It runs training and networking events for pre-founders and early startups."),
    ("시제품 제작 장비와 회의실을 스타트업에 개방합니다.",
     "It opens prototyping equipment and meeting rooms to startups."),
)  # fmt: skip
DEMO_NOTE = (
    "(데모용으로 생성된 가상의 기관입니다.)",
    "(A fictional organization made for the demo.)",
)

# --- people -------------------------------------------------------------------------------

STARTUP_TITLES: tuple[tuple[str, str], ...] = (
    ("CTO", "최고기술책임자로 제품 개발과 기술 전략을 맡고 있습니다."),
    ("COO", "최고운영책임자로 사업 운영과 조직을 맡고 있습니다."),
    ("개발 리드", "개발팀을 이끌며 서비스 아키텍처를 설계합니다."),
    ("사업개발 이사", "파트너십과 B2B 영업을 맡고 있습니다."),
    ("마케팅 매니저", "브랜드와 그로스 마케팅을 맡고 있습니다."),
    ("연구소장", "기업부설연구소에서 핵심 기술을 연구합니다."),
)  # fmt: skip
STARTUP_TITLES_EN = {
    "CTO": "Chief technology officer, leading product development and technology strategy.",
    "COO": "Chief operating officer, running operations and the organization.",
    "개발 리드": "Leads the engineering team and designs the service architecture.",
    "사업개발 이사": "Handles partnerships and B2B sales.",
    "마케팅 매니저": "Handles brand and growth marketing.",
    "연구소장": "Heads the corporate R&D lab and its core technology research.",
}
STAFF_TITLES: tuple[tuple[str, str, str], ...] = (
    ("센터장", "센터 운영과 입주기업 지원을 총괄합니다.",
     "Heads the center and its support for resident startups."),
    ("창업 매니저", "입주기업 보육과 프로그램 운영을 맡고 있습니다.",
     "Runs incubation and programs for resident startups."),
    ("운영 매니저", "공간 대관과 행사 운영을 맡고 있습니다.",
     "Manages space bookings and events."),
)  # fmt: skip
EXPERT_AREAS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("투자 유치·IR", "investment and IR", ("투자 유치", "IR", "기업가치 평가")),
    ("특허·지식재산", "patents and IP", ("특허", "지식재산", "기술 이전")),
    ("마케팅·브랜딩", "marketing and branding", ("마케팅", "브랜딩", "그로스")),
    ("해외 진출", "going global", ("해외 진출", "수출", "글로벌 파트너십")),
    ("AI·데이터", "AI and data", ("AI", "데이터 분석", "머신러닝")),
    ("드론·로봇", "drones and robots", ("드론", "로봇", "실증")),
    ("핀테크·금융 규제", "fintech and financial regulation", ("핀테크", "금융 규제", "결제")),
    ("바이오 인허가", "bio regulatory approval", ("바이오", "임상", "인허가")),
    ("채용·조직문화", "hiring and culture", ("채용", "HR", "조직문화")),
    ("사업화 진단", "commercialization assessment", ("사업화", "비즈니스 모델", "피칭")),
)  # fmt: skip
EXPERTISE_BY_INDUSTRY: dict[str, tuple[str, ...]] = {
    Industry.AI: ("AI", "머신러닝", "데이터"),
    Industry.DRONE: ("드론", "자율비행", "항공촬영"),
    Industry.BIO: ("바이오", "헬스케어", "임상"),
    Industry.CONTENT: ("콘텐츠", "영상 제작", "IP"),
    Industry.SOFTWARE: ("소프트웨어", "클라우드", "SaaS"),
    Industry.ROBOTICS: ("로봇", "제어", "자율주행"),
    Industry.FINTECH: ("핀테크", "결제", "금융 데이터"),
    Industry.IOT: ("IoT", "임베디드", "센서"),
    Industry.COMMERCE: ("이커머스", "물류", "CRM"),
    Industry.MOBILITY: ("모빌리티", "자율주행", "물류"),
    Industry.EDUTECH: ("에듀테크", "교육 콘텐츠", "AI 튜터"),
    Industry.FOODTECH: ("푸드테크", "스마트팜", "식품"),
    Industry.CLIMATE: ("기후테크", "에너지", "탄소중립"),
    Industry.MANUFACTURING: ("제조", "스마트공장", "시제품"),
    Industry.SOCIAL: ("소셜벤처", "임팩트", "지역 문제"),
    Industry.FASHION: ("패션", "뷰티", "브랜딩"),
    Industry.GAMES: ("게임", "게임 엔진", "퍼블리싱"),
    Industry.SEMICONDUCTOR: ("반도체", "칩 설계", "공정"),
    Industry.PROPTECH: ("프롭테크", "부동산", "건설"),
    Industry.HRTECH: ("채용", "HR테크", "인재 매칭"),
    Industry.OTHER: ("사업개발", "서비스 기획", "B2B"),
}

# --- programs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgramTemplate:
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    eligibility_ko: str
    eligibility_en: str
    benefit_ko: str
    benefit_en: str
    amount: tuple[int, int] | None  # KRW range, None for non-cash programs
    capacity: tuple[int, int]
    days: tuple[int, int] = (30, 180)  # duration


_STARTUP_7Y_KO = "창업 7년 이내 기업 또는 예비창업자"
_STARTUP_7Y_EN = "Companies within 7 years of founding, or pre-founders"

GENERAL_PROGRAMS: tuple[ProgramTemplate, ...] = (
    ProgramTemplate(
        "입주기업 모집", "Resident startup call",
        "사무공간과 보육 프로그램을 제공할 입주기업을 모집합니다.",
        "Calls for startups to move in and join the incubation program.",
        _STARTUP_7Y_KO, _STARTUP_7Y_EN,
        "사무공간 최대 2년 무상 제공", "Free office space for up to two years",
        None, (10, 40), (300, 700),
    ),
    ProgramTemplate(
        "액셀러레이팅 프로그램", "Accelerating program",
        "12주간 멘토링, IR 코칭, 데모데이로 투자 유치를 돕습니다.",
        "Twelve weeks of mentoring, IR coaching and a demo day to help raise investment.",
        "시드부터 프리A 단계의 스타트업", "Startups from seed to pre-Series A",
        "사업화 자금과 데모데이 참가", "Commercialization funding and a demo-day slot",
        (10_000_000, 50_000_000), (10, 30), (84, 84),
    ),
    ProgramTemplate(
        "오픈이노베이션 매칭", "Open innovation matching",
        "대·중견기업의 기술 수요와 스타트업의 기술을 연결하는 협업 프로그램입니다.",
        "Links the technology needs of large and mid-size corporates with startups' technology.",
        "기술을 보유한 창업 7년 이내 기업", "Startups within 7 years of founding that own technology",
        "대기업 실증(PoC) 기회와 사업화 자금", "A PoC with a corporate and commercialization funding",
        (30_000_000, 100_000_000), (10, 20), (90, 180),
    ),
    ProgramTemplate(
        "글로벌 진출 지원", "Going-global support",
        "해외 진출을 준비하는 스타트업에 현지 파트너 연결과 전시회 참가를 지원합니다.",
        "Helps startups preparing to go abroad meet local partners and attend trade shows.",
        "해외 진출 계획이 있는 스타트업", "Startups planning to expand abroad",
        "해외 전시회 참가비와 현지 파트너 매칭", "Trade-show fees and local partner matching",
        (20_000_000, 50_000_000), (5, 20), (60, 150),
    ),
    ProgramTemplate(
        "기술사업화 지원", "Technology commercialization support",
        "보유 기술의 시제품 제작, 인증, 특허 출원을 지원합니다.",
        "Supports prototypes, certification and patent filings for a startup's technology.",
        "기술 기반 창업 7년 이내 기업", "Technology startups within 7 years of founding",
        "시제품·인증 비용 지원", "Prototype and certification costs",
        (20_000_000, 100_000_000), (10, 30), (120, 240),
    ),
    ProgramTemplate(
        "IR 데모데이", "IR demo day",
        "투자사 앞에서 사업을 발표하고 후속 투자를 연결합니다.",
        "Startups pitch to investors and get introduced for follow-on funding.",
        "투자 유치를 준비하는 스타트업", "Startups preparing to raise investment",
        "투자사 1:1 미팅", "One-to-one investor meetings",
        None, (8, 15), (1, 1),
    ),
)  # fmt: skip


def industry_programs(industry: str) -> tuple[ProgramTemplate, ...]:
    """Programs of a hub or a facility with one industry (e.g. 드론 실증 지원)."""
    word_ko, word_en, _article = INDUSTRY_WORDS[industry]
    return (
        ProgramTemplate(
            f"{word_ko} 스타트업 육성 프로그램", f"{word_en.capitalize()} startup growth program",
            f"{word_ko} 분야 스타트업의 기술 고도화와 투자 유치를 지원합니다.",
            f"Helps {word_en} startups improve their technology and raise investment.",
            f"{word_ko} 분야 창업 7년 이내 기업", f"{word_en.capitalize()} startups within 7 years",
            "사업화 자금과 전문가 멘토링", "Commercialization funding and expert mentoring",
            (30_000_000, 100_000_000), (10, 30), (120, 240),
        ),
        ProgramTemplate(
            f"{word_ko} 실증(PoC) 지원", f"{word_en.capitalize()} PoC support",
            f"{word_ko} 기술을 실제 현장에서 시험하고 검증할 수 있도록 실증 장소와 비용을 지원합니다.",
            f"Provides test sites and funding so {word_en} technology can be proven in the field.",
            f"{word_ko} 제품·서비스를 보유한 기업", f"Companies with a {word_en} product or service",
            "실증 비용과 테스트베드 제공", "PoC funding and a testbed",
            (50_000_000, 200_000_000), (5, 15), (90, 180),
        ),
        ProgramTemplate(
            f"{word_ko} 전문인력 양성 과정", f"{word_en.capitalize()} specialist training",
            f"{word_ko} 분야 전문인력을 양성하고 수료생의 채용을 기업과 연결합니다.",
            f"Trains {word_en} specialists and links graduates with hiring companies.",
            "만 34세 이하 서울 거주 청년 구직자", "Job seekers aged 34 or under living in Seoul",
            "교육비 전액 무료, 채용 연계", "Free training and job placement",
            None, (30, 60), (120, 180),
        ),
    )  # fmt: skip


CAFE_PROGRAMS: tuple[ProgramTemplate, ...] = (
    ProgramTemplate(
        "365 피칭센터 아이디어 진단", "365 Pitching Center idea assessment",
        "혁신적인 아이디어가 있는 누구나 전문가에게 사업화 가능성을 진단받고 멘토링과 피드백을 받습니다.",
        "Anyone with an innovative idea has experts assess its commercial potential and gets "
        "mentoring and feedback.",
        "예비창업자 누구나", "Any aspiring founder",
        "전문가 진단과 1:1 멘토링", "Expert assessment and one-to-one mentoring",
        None, (20, 60), (300, 330),
    ),
    ProgramTemplate(
        "예비창업자 창업교육", "Startup basics for pre-founders",
        "비즈니스 모델, 시장 검증, 사업계획서 작성을 배우는 6주 과정입니다.",
        "A six-week course on business models, market validation and business plans.",
        "창업을 준비하는 누구나", "Anyone preparing to start a company",
        "수료증과 모의 IR 참가 기회", "A certificate and a mock-IR slot",
        None, (20, 40), (42, 42),
    ),
)  # fmt: skip

ACADEMY_PROGRAMS: tuple[ProgramTemplate, ...] = (
    ProgramTemplate(
        "SW 개발자 양성 과정", "Software developer course",
        "웹·앱 개발 실무 프로젝트와 현직자 멘토링으로 SW 개발자를 양성합니다.",
        "Trains software developers with real web and app projects and mentoring by engineers.",
        "만 34세 이하 서울 거주 청년 구직자", "Job seekers aged 34 or under living in Seoul",
        "교육비 전액 무료, 채용 연계", "Free training and job placement",
        None, (25, 40), (150, 180),
    ),
    ProgramTemplate(
        "AI·빅데이터 실무 과정", "AI and big-data course",
        "AI 모델링과 데이터 분석 실무를 배우는 과정입니다.",
        "Hands-on AI modelling and data analysis.",
        "만 34세 이하 서울 거주 청년 구직자", "Job seekers aged 34 or under living in Seoul",
        "교육비 전액 무료, 채용 연계", "Free training and job placement",
        None, (25, 40), (150, 180),
    ),
    ProgramTemplate(
        "채용 매칭데이", "Hiring matching day",
        "취업코디네이터가 수료생과 채용 기업(서울 강소기업·스타트업)을 연결하는 채용 행사입니다.",
        "The job coordinator matches graduates with hiring companies (Seoul SMEs and startups).",
        "캠퍼스 수료생과 수료 예정자", "Campus graduates and soon-to-graduate trainees",
        "기업 현장 면접", "On-site interviews with companies",
        None, (40, 120), (1, 1),
    ),
)  # fmt: skip

JOB_FAIR = ProgramTemplate(
    "일자리박람회", "Job fair",
    "관내 기업이 현장 면접과 채용 상담을 진행하는 일자리박람회입니다.",
    "Local companies hold on-site interviews and hiring consultations.",
    "구직자 누구나", "Any job seeker",
    "현장 면접과 취업 컨설팅", "On-site interviews and career consulting",
    None, (300, 800), (1, 1),
)  # fmt: skip

TARGET_GROUP_PROGRAMS: dict[str, ProgramTemplate] = {
    "tg_youth": ProgramTemplate(
        "청년 창업 입주기업 모집", "Youth startup residency call",
        "청년 창업가에게 입주공간과 단계별 성장 프로그램을 제공합니다.",
        "Offers young founders space and a staged growth program.",
        "만 39세 이하, 창업 3년 이내 (예비)창업자",
        "Founders aged 39 or under, within 3 years of founding",
        "입주공간과 사업화 자금", "Space and commercialization funding",
        (10_000_000, 30_000_000), (10, 42), (300, 365),
    ),
    "tg_senior": ProgramTemplate(
        "중장년 기술창업 아카데미", "Mid-career technology startup academy",
        "경력과 전문성을 살린 중장년의 기술창업을 교육과 멘토링으로 돕습니다.",
        "Helps experienced founders aged 40+ start technology companies.",
        "만 40세 이상 (예비)창업자", "Founders aged 40 or over",
        "창업교육과 전문가 멘토링", "Training and expert mentoring",
        None, (20, 40), (60, 90),
    ),
    "tg_one_person": ProgramTemplate(
        "1인 창조기업 사업화 지원", "One-person creative business support",
        "1인 창조기업의 제품화와 판로 개척을 지원합니다.",
        "Supports product development and sales for one-person creative businesses.",
        "1인 창조기업", "One-person creative businesses",
        "사업화 자금과 사무공간", "Funding and office space",
        (5_000_000, 20_000_000), (10, 30), (120, 240),
    ),
    "tg_social": ProgramTemplate(
        "사회적경제 기업 육성", "Social-economy enterprise growth",
        "사회적기업·협동조합의 창업과 성장을 지원합니다.",
        "Supports the founding and growth of social enterprises and cooperatives.",
        "예비 사회적기업, 협동조합, 소셜벤처", "Social enterprises, cooperatives, social ventures",
        "사업개발비와 컨설팅", "Business development funding and consulting",
        (10_000_000, 30_000_000), (10, 20), (120, 240),
    ),
    "tg_women": ProgramTemplate(
        "여성 창업 성장 지원", "Women's startup growth support",
        "혁신형 여성 창업가를 발굴해 단계별로 지원합니다.",
        "Finds innovative women founders and supports them step by step.",
        "여성 (예비)창업자", "Women founders and pre-founders",
        "사업화 자금과 멘토링", "Funding and mentoring",
        (10_000_000, 30_000_000), (10, 25), (120, 240),
    ),
}  # fmt: skip

CITY_PROGRAMS: tuple[ProgramTemplate, ...] = (
    ProgramTemplate(
        "서울 테크 트레이드온 기술거래 설명회", "Seoul Tech Trade-On technology trading session",
        "대·중견기업이 필요한 기술과 스타트업이 보유한 기술을 온라인으로 거래하는 방법을 안내합니다.",
        "Explains online trading of the technologies corporates need and startups hold.",
        "기술을 보유한 스타트업과 기술 수요 기업", "Startups with technology; companies needing it",
        "기술거래 상담", "Technology-trading consultations",
        None, (50, 150), (1, 1),
    ),
    ProgramTemplate(
        "오픈이노베이션 참여기업 모집", "Open innovation participant call",
        "대·중견기업과 스타트업이 기술 협력으로 함께 성장하는 오픈이노베이션에 참여할 기업을 모집합니다.",
        "Calls for corporates and startups to grow together through technology partnerships.",
        "대·중견기업과 창업 7년 이내 스타트업", "Corporates, and startups within 7 years",
        "협업 과제 사업화 자금", "Funding for joint projects",
        (50_000_000, 150_000_000), (20, 60), (180, 300),
    ),
)  # fmt: skip

# --- spaces -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpaceTemplate:
    kind: str
    name_ko: str
    name_en: str
    capacity: tuple[int, int]
    description_ko: str
    description_en: str
    equipment: tuple[str, ...]


MEETING_ROOM = SpaceTemplate(
    SpaceKind.MEETING_ROOM, "회의실", "Meeting room", (4, 12),
    "스타트업과 방문객이 예약해 쓰는 회의실입니다.", "A bookable meeting room.",
    ("TV 모니터", "화상회의 장비", "화이트보드"),
)  # fmt: skip
COWORKING = SpaceTemplate(
    SpaceKind.DESK, "코워킹 라운지", "Co-working lounge", (20, 80),
    "자유석과 고정석이 있는 코워킹 공간입니다.", "Co-working with hot and fixed desks.",
    ("와이파이", "개인 사물함", "복합기"),
)  # fmt: skip
OFFICE = SpaceTemplate(
    SpaceKind.OFFICE, "입주 사무실", "Resident office", (2, 10),
    "입주기업 전용 독립 사무실입니다.", "A private office for a resident startup.",
    ("책상·의자", "잠금장치", "인터넷"),
)  # fmt: skip
EVENT_HALL = SpaceTemplate(
    SpaceKind.EVENT_HALL, "컨퍼런스홀", "Conference hall", (80, 300),
    "데모데이, 설명회, 채용 행사를 여는 행사장입니다.",
    "A hall for demo days, briefings and hiring events.",
    ("빔프로젝터", "음향 설비", "무대", "생중계 장비"),
)  # fmt: skip
MAKER_SPACE = SpaceTemplate(
    SpaceKind.WORKSHOP, "메이커 스페이스", "Maker space", (8, 20),
    "시제품 제작 장비를 갖춘 공작실입니다.", "A workshop with prototyping equipment.",
    ("3D 프린터", "레이저 커터", "CNC 밀링기", "납땜 장비"),
)  # fmt: skip
STUDIO = SpaceTemplate(
    SpaceKind.STUDIO, "영상 스튜디오", "Video studio", (4, 10),
    "홍보 영상과 라이브커머스를 촬영하는 스튜디오입니다.",
    "A studio for promotional videos and live commerce.",
    ("조명", "카메라", "크로마키", "편집실"),
)  # fmt: skip
INDUSTRY_LABS: dict[str, SpaceTemplate] = {
    Industry.DRONE: SpaceTemplate(
        SpaceKind.LAB, "드론 비행 시험장", "Drone flight test area", (6, 15),
        "실내 드론 비행 시험과 장비 점검을 할 수 있는 공간입니다.",
        "An indoor area for drone flight tests and checks.",
        ("안전 네트", "비행 기록 장비", "배터리 충전 스테이션"),
    ),
    Industry.BIO: SpaceTemplate(
        SpaceKind.LAB, "바이오 공동 실험실", "Shared bio lab", (6, 20),
        "세포 배양과 분석을 할 수 있는 공동 실험실입니다.",
        "A shared lab for cell culture and analysis.",
        ("클린벤치", "CO2 인큐베이터", "원심분리기", "PCR"),
    ),
    Industry.AI: SpaceTemplate(
        SpaceKind.LAB, "GPU 컴퓨팅 랩", "GPU computing lab", (6, 20),
        "AI 모델 학습용 GPU 서버를 쓸 수 있는 랩입니다.", "A lab with GPU servers for AI training.",
        ("GPU 서버", "고속 네트워크", "데이터 스토리지"),
    ),
    Industry.ROBOTICS: SpaceTemplate(
        SpaceKind.LAB, "로봇 테스트 랩", "Robot test lab", (6, 15),
        "로봇 주행과 조작을 시험하는 공간입니다.", "A space to test robot driving and handling.",
        ("테스트 트랙", "모션 캡처", "협동 로봇 팔"),
    ),
    Industry.IOT: SpaceTemplate(
        SpaceKind.LAB, "IoT 테스트베드", "IoT testbed", (6, 15),
        "IoT 기기의 통신과 전력 소모를 시험하는 공간입니다.",
        "A space to test IoT connectivity and power use.",
        ("전파 차폐실", "오실로스코프", "LTE-M 시험 장비"),
    ),
    Industry.CONTENT: STUDIO,
    Industry.FINTECH: SpaceTemplate(
        SpaceKind.LAB, "핀테크 테스트 랩", "Fintech test lab", (6, 20),
        "금융 API와 보안 테스트를 할 수 있는 공간입니다.",
        "A space to test financial APIs and security.",
        ("테스트베드 서버", "보안 점검 도구", "결제 단말기"),
    ),
}  # fmt: skip
