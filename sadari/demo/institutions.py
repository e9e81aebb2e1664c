"""The institutions, hubs, academies, cafés, corporates and investors of the demo.

Real names are copied from the shared reference list of public institutions
(``shared/reference/institutions.csv``, 143 rows) so that the demo does not need that file at
run time. Its ``(translation)`` markers are dropped from the English names. ``focus_*`` and
``address`` hold only what that list states; rows marked ``is_fictional`` fill the gaps the list
has (see its README: no full list of the 42 city facilities, only 3 of the 11 startup cafés, no
sourced Yongsan drone hub or G-Valley IoT hub, …) and are generated names.

Nothing here says anything about a real organization beyond its name, location and focus as the
reference list gives them. Programs, spaces, people and funding rounds attached to them by the
generator are flagged ``is_fictional``.
"""

from dataclasses import dataclass

from sadari.directory.enums import Industry, OrgCategory, OrgKind

SEOUL = "서울특별시"
GOYANG = "경기도 고양시"


@dataclass(frozen=True, slots=True)
class OrgSeed:
    """One fixed organization of the demo; ``key`` lets the generator refer to it."""

    key: str
    kind: str
    category: str
    name_ko: str
    name_en: str
    city: str = SEOUL
    district: str = ""
    address: str = ""
    industry: str = ""
    focus_ko: str = ""
    focus_en: str = ""
    aliases: tuple[str, ...] = ()
    is_fictional: bool = False


def _hub(key: str, name_ko: str, name_en: str, district: str, industry: str, **kw) -> OrgSeed:
    return OrgSeed(
        key, OrgKind.HUB, "", name_ko, name_en, district=district, industry=industry, **kw
    )


def _city(key: str, name_ko: str, name_en: str, district: str = "", **kw) -> OrgSeed:
    return OrgSeed(
        key,
        OrgKind.INSTITUTION,
        OrgCategory.CITY_FACILITY,
        name_ko,
        name_en,
        district=district,
        **kw,
    )


def _private(key: str, name_ko: str, name_en: str, district: str = "", **kw) -> OrgSeed:
    return OrgSeed(
        key,
        OrgKind.INSTITUTION,
        OrgCategory.PRIVATE_FACILITY,
        name_ko,
        name_en,
        district=district,
        **kw,
    )


def _cafe(key: str, name_ko: str, name_en: str, district: str, **kw) -> OrgSeed:
    return OrgSeed(
        key,
        OrgKind.INSTITUTION,
        OrgCategory.STARTUP_CAFE,
        name_ko,
        name_en,
        district=district,
        **kw,
    )


def _academy(key: str, district_ko: str, district_en: str, **kw) -> OrgSeed:
    short = district_ko if len(district_ko) == 2 else district_ko.removesuffix("구")  # 중구
    return OrgSeed(
        key,
        OrgKind.ACADEMY,
        "",
        f"청년취업사관학교 {short}캠퍼스",
        f"SeSAC {district_en} Campus",
        district=district_ko,
        aliases=(f"SeSAC {short}", f"새싹 {short}캠퍼스"),
        **kw,
    )


def _investor(key: str, category: str, name_ko: str, name_en: str, **kw) -> OrgSeed:
    return OrgSeed(key, OrgKind.INVESTOR, category, name_ko, name_en, city="", **kw)


def _corporate(key: str, name_ko: str, name_en: str, industry: str, **kw) -> OrgSeed:
    return OrgSeed(
        key,
        OrgKind.CORPORATE,
        OrgCategory.LARGE_CORPORATE,
        name_ko,
        name_en,
        city="",
        industry=industry,
        **kw,
    )


def _goyang(key: str, kind: str, category: str, name_ko: str, name_en: str, **kw) -> OrgSeed:
    return OrgSeed(key, kind, category, name_ko, name_en, city=GOYANG, **kw)


# --- the seven innovation hubs (Seoul's 2022 plan: one industry each) -------------------------
# Yongsan (drones) and G-Valley (IoT) have no sourced facility name: generated, fictional.
HUBS: tuple[OrgSeed, ...] = (
    _hub(
        "hub_yongsan",
        "용산 드론 혁신허브",
        "Yongsan Drone Innovation Hub",
        "용산구",
        Industry.DRONE,
        focus_ko="드론·무인비행체 기술창업",
        focus_en="drone and unmanned aerial vehicle startups",
        is_fictional=True,
    ),
    _hub(
        "hub_yangjae",
        "AI 양재허브",
        "AI Yangjae Hub",
        "서초구",
        Industry.AI,
        focus_ko="AI 인재양성·기업육성·연구",
        focus_en="AI talent, company growth and research",
        aliases=("양재R&CD혁신허브",),
    ),
    _hub(
        "hub_hongneung",
        "서울바이오허브",
        "Seoul Bio Hub",
        "동대문구",
        Industry.BIO,
        address="서울특별시 동대문구 회기로 117-3 (홍릉)",
        focus_ko="바이오·의료 창업",
        focus_en="bio and medical startups",
    ),
    _hub(
        "hub_dmc",
        "DMC첨단산업센터",
        "DMC Advanced Industry Center",
        "마포구",
        Industry.CONTENT,
        address="서울특별시 마포구 상암동 DMC",
        focus_ko="디지털미디어·콘텐츠·IT·XR",
        focus_en="digital media, content, IT and XR",
    ),
    _hub(
        "hub_gaepo",
        "개포디지털혁신파크",
        "Gaepo Digital Innovation Park",
        "강남구",
        Industry.SOFTWARE,
        address="서울특별시 강남구 개포동",
        focus_ko="ICT 창업·데이터",
        focus_en="ICT startups and data",
    ),
    _hub(
        "hub_yeouido",
        "서울핀테크랩",
        "Seoul Fintech Lab",
        "영등포구",
        Industry.FINTECH,
        address="서울특별시 영등포구 여의도",
        focus_ko="핀테크 창업지원",
        focus_en="fintech startup support",
    ),
    _hub(
        "hub_gvalley",
        "G밸리 IoT 혁신허브",
        "G-Valley IoT Innovation Hub",
        "금천구",
        Industry.IOT,
        focus_ko="IoT·스마트 제조 기술창업",
        focus_en="IoT and smart-manufacturing startups",
        is_fictional=True,
    ),
)

# The hub of each industry, for hosting startups and programs.
HUB_BY_INDUSTRY = {
    Industry.DRONE: "hub_yongsan",
    Industry.AI: "hub_yangjae",
    Industry.BIO: "hub_hongneung",
    Industry.CONTENT: "hub_dmc",
    Industry.SOFTWARE: "hub_gaepo",
    Industry.ROBOTICS: "hub_gaepo",
    Industry.FINTECH: "hub_yeouido",
    Industry.IOT: "hub_gvalley",
}

# --- 42 city startup-support facilities: 31 from the reference list, 11 generated ----------
_REAL_CITY_FACILITIES: tuple[OrgSeed, ...] = (
    _city(
        "city_gongdeok",
        "서울창업허브 공덕",
        "Seoul Startup Hub Gongdeok",
        "마포구",
        address="서울특별시 마포구 백범로31길 21",
        focus_ko="전 단계 창업보육",
        focus_en="incubation at every stage",
        aliases=("서울창업허브",),
    ),
    _city(
        "city_seongsu",
        "서울창업허브 성수",
        "Seoul Startup Hub Seongsu",
        "성동구",
        address="서울특별시 성동구 성수동2가",
        industry=Industry.SOCIAL,
        focus_ko="소셜벤처·도시문제 해결 기술 스타트업",
        focus_en="social ventures and urban-problem technology startups",
    ),
    _city(
        "city_mplus",
        "서울창업허브 M+",
        "Seoul Startup Hub M+",
        "강서구",
        address="서울특별시 강서구 마곡산업단지",
        focus_ko="IT·BT·GT·NT 창업, 대·중견기업 오픈이노베이션",
        focus_en="IT, BT, GT and NT startups; open innovation with corporates",
    ),
    _city(
        "city_changdong",
        "서울창업허브 창동",
        "Seoul Startup Hub Changdong",
        "도봉구",
        focus_ko="창업보육",
        focus_en="startup incubation",
    ),
    _city(
        "city_global",
        "서울글로벌창업센터",
        "Seoul Global Startup Center",
        focus_ko="외국인 창업 지원",
        focus_en="support for foreign founders",
    ),
    _city(
        "city_food",
        "서울먹거리창업센터",
        "Seoul Food Startup Center",
        industry=Industry.FOODTECH,
        focus_ko="농업·식품·기술융합 창업",
        focus_en="agriculture, food and technology startups",
    ),
    _city(
        "city_app",
        "앱비즈니스센터",
        "App Business Center",
        industry=Industry.SOFTWARE,
        focus_ko="앱 비즈니스",
        focus_en="app businesses",
    ),
    _city(
        "city_women",
        "여성창업보육센터",
        "Women's Startup Incubation Center",
        focus_ko="여성 창업",
        focus_en="women's startups",
    ),
    _city(
        "city_didimteo",
        "서울창업디딤터",
        "Seoul Startup Didimteo",
        "노원구",
        focus_ko="예비·초기 창업 인큐베이팅",
        focus_en="incubation of pre-founders and early startups",
        aliases=("아스피린센터",),
    ),
    _city(
        "city_startup_center",
        "서울창업센터",
        "Seoul Startup Center",
        focus_ko="서울 서남권 창업 지원",
        focus_en="startup support in south-west Seoul",
    ),
    _city(
        "city_nakseong",
        "낙성벤처창업센터",
        "Nakseong Venture Startup Center",
        focus_ko="서울 서남권 창업 지원",
        focus_en="startup support in south-west Seoul",
    ),
    _city(
        "city_seoul_tech",
        "서울기술연구원",
        "Seoul Institute of Technology",
        focus_ko="도시문제 해결 R&D·스마트시티",
        focus_en="R&D for urban problems and smart cities",
    ),
    _city(
        "city_rnd",
        "서울R&D지원센터",
        "Seoul R&D Support Center",
        focus_ko="기술 상용화·R&D 지원",
        focus_en="technology commercialization and R&D support",
    ),
    _city(
        "city_dmc_research",
        "DMC산학협력연구센터",
        "DMC Industry-Academia Cooperation Research Center",
        "마포구",
        address="서울특별시 마포구 상암동 DMC",
        industry=Industry.CONTENT,
        focus_ko="스마트미디어·XR·메타버스",
        focus_en="smart media, XR and metaverse",
    ),
    _city(
        "city_yongsan_testbed",
        "용산Y밸리 드론·자율주행 테스트베드",
        "Yongsan Y-Valley Drone & Autonomous Driving Testbed",
        "용산구",
        address="서울특별시 용산구 원효상가 옥상 (용산전자상가)",
        industry=Industry.DRONE,
        focus_ko="드론·자율주행 시연·실증",
        focus_en="drone and autonomous-driving demonstrations and trials",
    ),
    _city(
        "city_robot_field",
        "강남 로봇플러스 테스트필드",
        "Gangnam Robot Plus Test Field",
        "강남구",
        address="서울특별시 강남구 수서동",
        industry=Industry.ROBOTICS,
        focus_ko="지능형·협동 로봇 실증",
        focus_en="trials of intelligent and collaborative robots",
    ),
    _city(
        "city_gcamp",
        "메이커스페이스 G캠프",
        "Makerspace G-Camp",
        "금천구",
        industry=Industry.MANUFACTURING,
        focus_ko="아이디어 제품화·하드웨어 시제품",
        focus_en="turning ideas into products; hardware prototypes",
    ),
    _city(
        "city_design",
        "디자인주도 제품개발지원센터",
        "Design-led Product Development Support Center",
        "금천구",
        focus_ko="제품 디자인 개발",
        focus_en="product design development",
    ),
    _city(
        "city_ip_gvalley",
        "서울지식재산센터 G밸리 분소",
        "Seoul IP Center G-Valley Branch",
        "금천구",
        focus_ko="특허·지식재산권",
        focus_en="patents and intellectual property",
    ),
    _city(
        "city_sd_social",
        "성동구 소셜벤처 허브센터",
        "Seongdong Social Venture Hub Center",
        "성동구",
        address="서울특별시 성동구 성수일로12길 20",
        industry=Industry.SOCIAL,
        focus_ko="소셜벤처",
        focus_en="social ventures",
    ),
    _city(
        "city_gd_drone",
        "강동드론마을",
        "Gangdong Drone Village",
        "강동구",
        address="서울특별시 강동구 천호동",
        industry=Industry.DRONE,
        focus_ko="드론·3D프린팅·IoT 청년 1인 창업",
        focus_en="young one-person startups in drones, 3D printing and IoT",
    ),
    _city(
        "city_startlab",
        "창동스타트랩",
        "Changdong Start-Lab",
        "도봉구",
        focus_ko="청년 (예비)창업",
        focus_en="young founders and pre-founders",
    ),
    _city(
        "city_irum",
        "성동청년 창업이룸센터",
        "Seongdong Youth Startup Irum Center",
        "성동구",
        focus_ko="청년창업기업·예비창업자",
        focus_en="young startups and pre-founders",
    ),
    _city(
        "city_snu_oscar",
        "서울대학교 OSCAR 캠퍼스타운",
        "SNU OSCAR Campus Town",
        "관악구",
        focus_ko="캠퍼스타운 창업·도시문화재생",
        focus_en="campus-town startups and urban regeneration",
    ),
    _city(
        "city_khu_we",
        "경희대 캠퍼스타운 WE+ Project",
        "Kyung Hee Univ. WE+ Project",
        "동대문구",
        focus_ko="캠퍼스타운 청년 창업·지역 협력",
        focus_en="campus-town youth startups and local cooperation",
    ),
    _city(
        "city_yonsei_s3",
        "연세대 캠퍼스타운 에스큐브(S3)",
        "Yonsei Campus Town S3",
        "서대문구",
        focus_ko="서북권 캠퍼스타운 거점",
        focus_en="campus-town base for north-west Seoul",
    ),
    _city(
        "city_konkuk",
        "건국대 캠퍼스타운 KU 청년창업 스튜디오",
        "Konkuk Univ. KU Youth Startup Studio",
        "광진구",
        focus_ko="반려동물 산업 창업",
        focus_en="pet-industry startups",
    ),
    _city(
        "city_snk",
        "SNK-스타트업 스테이션",
        "SNK Startup Station",
        "노원구",
        focus_ko="예비창업자·시민 창업정보·컨설팅·교육",
        focus_en="startup information, consulting and education for citizens",
    ),
    _city(
        "city_heukseok",
        "흑석역 청년창업 문화공간",
        "Heukseok Station Youth Startup Culture Space",
        "동작구",
        focus_ko="창업 홍보·전시·상담",
        focus_en="startup promotion, exhibitions and counselling",
    ),
    _city(
        "city_power_plant",
        "창업발전소 Express",
        "Startup Power Plant Express",
        "동작구",
        industry=Industry.MANUFACTURING,
        focus_ko="코워킹·메이커스페이스, 시제품 제작",
        focus_en="co-working and maker space; prototyping",
    ),
    _city(
        "city_skhu",
        "성공회대 캠퍼스타운 창업카페",
        "SKHU Campus Town Startup Cafe",
        "구로구",
        focus_ko="지역주민·청년 창업",
        focus_en="startups by residents and young people",
    ),
)

# Generated (fictional) city facilities: one made-up chain, one per district.
_LOUNGE_DISTRICTS = (
    ("은평구", "Eunpyeong", Industry.CONTENT),
    ("중랑구", "Jungnang", Industry.COMMERCE),
    ("송파구", "Songpa", Industry.COMMERCE),
    ("양천구", "Yangcheon", Industry.EDUTECH),
    ("관악구", "Gwanak", Industry.AI),
    ("영등포구", "Yeongdeungpo", Industry.FINTECH),
    ("종로구", "Jongno", Industry.CONTENT),
    ("서초구", "Seocho", Industry.AI),
    ("강북구", "Gangbuk", Industry.SOCIAL),
    ("성북구", "Seongbuk", Industry.BIO),
    ("구로구", "Guro", Industry.MANUFACTURING),
)
_FICTIONAL_CITY_FACILITIES: tuple[OrgSeed, ...] = tuple(
    _city(
        f"city_lounge_{en.lower()}",
        f"서울 스타트업 라운지 {ko.removesuffix('구')}",
        f"Seoul Startup Lounge {en}",
        ko,
        industry=industry,
        is_fictional=True,
    )
    for ko, en, industry in _LOUNGE_DISTRICTS
)
CITY_FACILITIES = _REAL_CITY_FACILITIES + _FICTIONAL_CITY_FACILITIES

# --- 14 private startup-support facilities: 6 real, 8 generated --------------------------
PRIVATE_FACILITIES: tuple[OrgSeed, ...] = (
    _private(
        "priv_dcamp",
        "디캠프",
        "D.CAMP",
        focus_ko="초기 스타트업 보육·데모데이",
        focus_en="early-stage incubation and demo days",
    ),
    _private(
        "priv_maru180",
        "마루180",
        "MARU180",
        focus_ko="스타트업 입주·지원",
        focus_en="startup residency and support",
    ),
    _private(
        "priv_heyground",
        "헤이그라운드",
        "Heyground",
        "성동구",
        industry=Industry.SOCIAL,
        focus_ko="소셜벤처 커뮤니티 오피스",
        focus_en="community office for social ventures",
        aliases=("루트임팩트",),
    ),
    _private(
        "priv_dreamplus",
        "한화 드림플러스",
        "Hanwha DreamPlus",
        focus_ko="대기업 창업보육",
        focus_en="corporate startup incubation",
    ),
    _private(
        "priv_jnj",
        "존슨앤드존슨 이노베이션",
        "Johnson & Johnson Innovation",
        "동대문구",
        industry=Industry.BIO,
        focus_ko="바이오·의료 스타트업 멘토·컨설팅",
        focus_en="mentoring and consulting for bio and medical startups",
    ),
    _private(
        "priv_bank_foundation",
        "은행권청년창업재단",
        "Korea Banks Youth Startup Foundation",
        focus_ko="청년 창업 지원",
        focus_en="support for young founders",
    ),
    _private(
        "priv_daon",
        "다온 스타트업 스튜디오",
        "Daon Startup Studio",
        "강남구",
        industry=Industry.SOFTWARE,
        is_fictional=True,
    ),
    _private(
        "priv_saebom",
        "새봄 코워킹 성수",
        "Saebom Coworking Seongsu",
        "성동구",
        is_fictional=True,
    ),
    _private("priv_hanul", "한울 창업캠퍼스", "Hanul Startup Campus", "마포구", is_fictional=True),
    _private(
        "priv_ieum",
        "이음 비즈니스센터",
        "Ieum Business Center",
        "영등포구",
        industry=Industry.FINTECH,
        is_fictional=True,
    ),
    _private(
        "priv_nuri",
        "누리 메이커스랩",
        "Nuri Makers Lab",
        "금천구",
        industry=Industry.MANUFACTURING,
        is_fictional=True,
    ),
    _private(
        "priv_gaon",
        "가온 바이오 인큐베이터",
        "Gaon Bio Incubator",
        "동대문구",
        industry=Industry.BIO,
        is_fictional=True,
    ),
    _private(
        "priv_raon",
        "라온 콘텐츠 팩토리",
        "Raon Content Factory",
        "마포구",
        industry=Industry.CONTENT,
        is_fictional=True,
    ),
    _private(
        "priv_mir",
        "미르 하드웨어 액셀러레이팅센터",
        "Mir Hardware Accelerating Center",
        "구로구",
        industry=Industry.ROBOTICS,
        is_fictional=True,
    ),
)

# --- 11 Seoul Startup Cafés (they host the 365 Pitching Center): 3 real, 8 generated ----------
STARTUP_CAFES: tuple[OrgSeed, ...] = (
    _cafe(
        "cafe_soongsil",
        "서울창업카페 숭실대입구역",
        "Seoul Startup Cafe Soongsil Univ. Station",
        "동작구",
        address="숭실대입구역",
        aliases=("서울창업카페 1호",),
    ),
    _cafe(
        "cafe_sinchon",
        "서울창업카페 신촌점",
        "Seoul Startup Cafe Sinchon",
        "서대문구",
        address="서울특별시 서대문구 창천동",
    ),
    _cafe(
        "cafe_hyehwa",
        "서울창업카페 혜화점",
        "Seoul Startup Cafe Hyehwa",
        "종로구",
        address="서울특별시 종로구 혜화동",
    ),
    # The reference list has only these 3 branches; the other 8 are generated.
    *(
        _cafe(
            f"cafe_{en.lower()}",
            f"서울창업카페 {ko}점",
            f"Seoul Startup Cafe {en}",
            district,
            is_fictional=True,
        )
        for ko, en, district in (
            ("낙성대", "Nakseongdae", "관악구"),
            ("동대문", "Dongdaemun", "동대문구"),
            ("신용산역", "Sinyongsan", "용산구"),
            ("왕십리", "Wangsimni", "성동구"),
            ("건대입구", "Konkuk", "광진구"),
            ("노량진", "Noryangjin", "동작구"),
            ("수유", "Suyu", "강북구"),
            ("목동", "Mokdong", "양천구"),
        )
    ),
)

# --- the 10 Youth Employment Academy (SeSAC) campuses of 2022 (campuses no. 1-10) -----------
ACADEMIES: tuple[OrgSeed, ...] = (
    _academy("sesac_ydp", "영등포구", "Yeongdeungpo", industry=Industry.SOFTWARE,
             focus_ko="SW 개발 과정", focus_en="software development courses"),
    _academy("sesac_geumcheon", "금천구", "Geumcheon", industry=Industry.SOFTWARE,
             focus_ko="SW 과정·디지털전환", focus_en="software and digital transformation"),
    _academy("sesac_mapo", "마포구", "Mapo", industry=Industry.AI,
             focus_ko="디지털전환·AI 특화", focus_en="digital transformation; AI"),
    _academy("sesac_yongsan", "용산구", "Yongsan", industry=Industry.SOFTWARE,
             focus_ko="SW·디지털전환", focus_en="software and digital transformation"),
    _academy("sesac_gangseo", "강서구", "Gangseo", industry=Industry.SOFTWARE),
    _academy("sesac_gangdong", "강동구", "Gangdong", industry=Industry.SOFTWARE),
    _academy("sesac_dongjak", "동작구", "Dongjak", industry=Industry.SOFTWARE),
    _academy("sesac_gwangjin", "광진구", "Gwangjin", industry=Industry.FASHION,
             focus_ko="스타일(패션뷰티)테크", focus_en="style (fashion and beauty) tech"),
    _academy("sesac_seodaemun", "서대문구", "Seodaemun", industry=Industry.CONTENT,
             focus_ko="디지털 문화콘텐츠", focus_en="digital cultural content"),
    _academy("sesac_junggu", "중구", "Jung-gu", industry=Industry.AI,
             focus_ko="패션전문가·핀테크 디자이너, AI", focus_en="fashion, fintech design and AI"),
)  # fmt: skip

# --- 16 VCs and accelerators ----------------------------------------------------------------
INVESTORS: tuple[OrgSeed, ...] = (
    _investor("vc_kakao", OrgCategory.CVC, "카카오벤처스", "Kakao Ventures"),
    _investor("ac_sparklabs", OrgCategory.ACCELERATOR, "스파크랩", "SparkLabs",
              focus_ko="시드 투자·데모데이", focus_en="seed investment and demo days"),
    _investor("ac_primer", OrgCategory.ACCELERATOR, "프라이머", "Primer",
              focus_ko="초기 투자", focus_en="early-stage investment"),
    _investor("ac_bluepoint", OrgCategory.ACCELERATOR, "블루포인트파트너스", "Bluepoint Partners",
              focus_ko="기술 기반 초기 투자", focus_en="early-stage investment in technology"),
    _investor("ac_futureplay", OrgCategory.ACCELERATOR, "퓨처플레이", "FuturePlay",
              focus_ko="배치형 프로그램·초기 투자", focus_en="batch programs, early investment"),
    _investor("ac_cnttech", OrgCategory.ACCELERATOR, "씨엔티테크", "CNTTECH",
              focus_ko="초기 투자", focus_en="early-stage investment"),
    _investor("ac_schmidt", OrgCategory.ACCELERATOR, "슈미트", "Schmidt",
              focus_ko="초기 투자", focus_en="early-stage investment"),
    _investor("ac_snu", OrgCategory.ACCELERATOR, "서울대기술지주회사", "SNU Holdings",
              focus_ko="대학 기술 기반 초기 투자", focus_en="early investment in university tech"),
    _investor("ac_k", OrgCategory.ACCELERATOR, "케이액셀러레이터", "K Accelerator",
              focus_ko="핀테크 스타트업 보육", focus_en="fintech startup incubation"),
    _investor("cvc_lotte", OrgCategory.CVC, "롯데액셀러레이터", "Lotte Accelerator"),
    _investor("vc_altos", OrgCategory.VC, "알토스벤처스", "Altos Ventures"),
    _investor("vc_shinhan", OrgCategory.VC, "신한벤처투자", "Shinhan Venture Investment"),
    _investor("vc_capstone", OrgCategory.VC, "캡스톤파트너스", "Capstone Partners"),
    _investor("vc_sopoong", OrgCategory.VC, "소풍벤처스", "Sopoong Ventures",
              focus_ko="소셜벤처·도시문제 스타트업", focus_en="social ventures, urban problems"),
    _investor("vc_yellowdog", OrgCategory.VC, "옐로우독", "Yellowdog",
              focus_ko="소셜벤처", focus_en="social ventures"),
    _investor("vc_d3", OrgCategory.VC, "D3쥬빌리", "D3 Jubilee",
              focus_ko="소셜벤처", focus_en="social ventures"),
)  # fmt: skip

# --- 9 large corporates (well-known Korean groups; names only) -------------------------------
CORPORATES: tuple[OrgSeed, ...] = (
    _corporate("corp_samsung", "삼성전자", "Samsung Electronics", Industry.SEMICONDUCTOR,
               focus_ko="전자·반도체", focus_en="electronics and semiconductors",
               aliases=("Samsung",)),
    _corporate("corp_lg", "LG전자", "LG Electronics", Industry.MANUFACTURING,
               focus_ko="가전·전자", focus_en="home appliances and electronics",
               aliases=("엘지전자",)),
    _corporate("corp_skt", "SK텔레콤", "SK Telecom", Industry.OTHER,
               focus_ko="통신·ICT", focus_en="telecommunications and ICT", aliases=("SKT",)),
    _corporate("corp_hyundai", "현대자동차", "Hyundai Motor Company", Industry.MOBILITY,
               focus_ko="자동차", focus_en="automobiles", aliases=("현대차",)),
    _corporate("corp_lotte", "롯데지주", "Lotte Corporation", Industry.COMMERCE,
               focus_ko="유통·식품", focus_en="retail and food", aliases=("롯데",)),
    _corporate("corp_gs", "GS리테일", "GS Retail", Industry.COMMERCE,
               focus_ko="유통", focus_en="retail"),
    _corporate("corp_cj", "CJ제일제당", "CJ CheilJedang", Industry.FOODTECH,
               focus_ko="식품·바이오", focus_en="food and bio"),
    _corporate("corp_kt", "KT", "KT Corporation", Industry.OTHER,
               focus_ko="통신·ICT", focus_en="telecommunications and ICT", aliases=("케이티",)),
    _corporate("corp_kakao", "카카오", "Kakao", Industry.SOFTWARE,
               focus_ko="모바일 플랫폼·인터넷 서비스", focus_en="mobile platforms and internet services",
               aliases=("Kakao Corp.",)),
)  # fmt: skip

# --- Goyang: five target-group centers and the consortium ----------------------------------
TARGET_GROUP_CENTERS: tuple[OrgSeed, ...] = (
    _goyang(
        "tg_youth",
        OrgKind.INSTITUTION,
        OrgCategory.TARGET_GROUP_CENTER,
        "28청춘창업소",
        "Goyang 28 Youth Startup Center",
        district="덕양구",
        address="경기도 고양시 덕양구 화정동",
        focus_ko="만 39세 이하·3년 이내 청년 (예비)창업자",
        focus_en="young founders aged 39 or under, within 3 years of founding",
    ),
    _goyang(
        "tg_senior",
        OrgKind.INSTITUTION,
        OrgCategory.TARGET_GROUP_CENTER,
        "고양 중장년 기술창업센터",
        "Goyang Mid-career Technology Startup Center",
        district="일산동구",
        address="경기도 고양시 일산동구 백석동 고양종합터미널",
        focus_ko="만 40세 이상 중장년·시니어 기술창업",
        focus_en="technology startups by founders aged 40 and over",
        aliases=("고양 시니어기술창업센터",),
    ),
    _goyang(
        "tg_one_person",
        OrgKind.INSTITUTION,
        OrgCategory.TARGET_GROUP_CENTER,
        "고양 1인 창조기업 지원센터",
        "Goyang One-person Creative Enterprise Support Center",
        district="덕양구",
        focus_ko="1인 창조기업",
        focus_en="one-person creative businesses",
    ),
    _goyang(
        "tg_social",
        OrgKind.INSTITUTION,
        OrgCategory.TARGET_GROUP_CENTER,
        "고양 사회적경제지원센터",
        "Goyang Social Economy Support Center",
        industry=Industry.SOCIAL,
        focus_ko="사회적경제 기업 지원",
        focus_en="support for social-economy enterprises",
        aliases=("사회적경제지원센터",),
    ),
    _goyang(
        "tg_women",
        OrgKind.INSTITUTION,
        OrgCategory.TARGET_GROUP_CENTER,
        "고양시 여성창업지원센터",
        "Goyang Women's Startup Support Center",
        focus_ko="여성 창업가 발굴·단계별 지원",
        focus_en="finding and supporting women founders step by step",
    ),
)

_CM = OrgCategory.CONSORTIUM_MEMBER
CONSORTIUM_MEMBERS: tuple[OrgSeed, ...] = (
    _goyang("gy_gipa", OrgKind.INSTITUTION, _CM, "고양산업진흥원",
            "Goyang Industry Promotion Agency", district="일산동구",
            focus_ko="콘텐츠·디지털 전략산업, 혁신창업 생태계",
            focus_en="content and digital industries; the innovation-startup ecosystem",
            aliases=("고양지식정보산업진흥원",)),
    _goyang("gy_smartcity", OrgKind.INSTITUTION, _CM, "고양 스마트시티 지원센터",
            "Goyang Smart City Support Center", district="일산동구", industry=Industry.IOT,
            focus_ko="IoT·스마트시티 실증, 스타트업 입주",
            focus_en="IoT and smart-city trials; startup residency"),
    _goyang("gy_creative_hub", OrgKind.INSTITUTION, _CM, "고양 경기문화창조허브",
            "Goyang Gyeonggi Creative Hub", district="일산동구", industry=Industry.CONTENT,
            focus_ko="방송·영상·콘텐츠 창업", focus_en="broadcast, video and content startups"),
    _goyang("gy_naeilkkum", OrgKind.INSTITUTION, _CM, "내일꿈제작소",
            "Goyang Naeil-kkum Jejakso (Tomorrow's Dream Factory)", district="덕양구",
            address="경기도 고양시 덕양구 화정동 958",
            focus_ko="코워킹·청년창업 입주공간·4차산업 교육장",
            focus_en="co-working, youth startup offices and training rooms"),
    _goyang("gy_cheongchwi", OrgKind.INSTITUTION, _CM, "청취다방", "Cheongchwi Dabang",
            district="덕양구", industry=Industry.HRTECH,
            focus_ko="청년 취업특강·진로상담·스터디",
            focus_en="job talks, career counselling and study groups for young people"),
    _goyang("gy_job_center", OrgKind.INSTITUTION, _CM, "고양시 일자리센터", "Goyang Job Center",
            industry=Industry.HRTECH, focus_ko="구인·구직 연계, 일자리박람회",
            focus_en="matching job seekers and employers; job fairs",
            aliases=("고양시통합일자리센터",)),
    _goyang("gy_employment_plus", OrgKind.INSTITUTION, _CM, "고양고용복지플러스센터",
            "Goyang Employment & Welfare Plus Center", industry=Industry.HRTECH,
            focus_ko="고용·일자리 기관 협업", focus_en="cooperation of employment agencies"),
    _goyang("gy_cic", OrgKind.INSTITUTION, _CM, "CIC 창조혁신캠퍼스 성사",
            "CIC (Creative Innovation Campus)", district="덕양구",
            focus_ko="경기북부 기업 육성·IR·TIPS 연계",
            focus_en="growing northern-Gyeonggi companies; IR and TIPS links"),
    _goyang("gy_dongguk", OrgKind.UNIVERSITY, _CM, "동국대학교 창업원",
            "Dongguk University Startup Institute", focus_ko="대학 창업",
            focus_en="university startups"),
    _goyang("gy_kau", OrgKind.UNIVERSITY, _CM, "한국항공대학교 산학협력단",
            "Korea Aerospace University Industry-Academia Cooperation Foundation",
            focus_ko="대학 창업·산학협력", focus_en="university startups and cooperation"),
    _goyang("gy_joongbu", OrgKind.UNIVERSITY, _CM, "중부대학교 산학협력단",
            "Joongbu University Industry-Academia Cooperation Foundation",
            focus_ko="대학 창업", focus_en="university startups"),
    _goyang("gy_kict", OrgKind.INSTITUTION, _CM, "한국건설기술연구원",
            "Korea Institute of Civil Engineering and Building Technology",
            focus_ko="건설기술", focus_en="construction technology"),
    _goyang("gy_research", OrgKind.INSTITUTION, _CM, "고양시정연구원", "Goyang Research Institute",
            focus_ko="정책 연구", focus_en="policy research"),
    _goyang("gy_kintex", OrgKind.INSTITUTION, _CM, "킨텍스", "KINTEX", district="일산서구",
            focus_ko="전시·박람회", focus_en="exhibitions and fairs"),
)  # fmt: skip

# --- public agencies (the city operators) -------------------------------------------------
PUBLIC_AGENCIES: tuple[OrgSeed, ...] = (
    OrgSeed(
        "gov_seoul",
        OrgKind.INSTITUTION,
        OrgCategory.PUBLIC_AGENCY,
        "서울특별시",
        "Seoul Metropolitan Government",
        district="중구",
        focus_ko="창업·일자리 정책",
        focus_en="startup and jobs policy",
        aliases=("서울시",),
    ),
    OrgSeed(
        "gov_sba",
        OrgKind.INSTITUTION,
        OrgCategory.PUBLIC_AGENCY,
        "서울경제진흥원",
        "Seoul Business Agency (SBA)",
        district="마포구",
        focus_ko="창업·중소기업 지원",
        focus_en="startup and SME support",
        aliases=("SBA", "서울산업진흥원"),
    ),
    OrgSeed(
        "gov_goyang",
        OrgKind.INSTITUTION,
        OrgCategory.PUBLIC_AGENCY,
        "고양시",
        "Goyang City",
        city=GOYANG,
        focus_ko="창업·일자리 정책",
        focus_en="startup and jobs policy",
        aliases=("고양특례시",),
    ),
)

# Where a fixed organization is based, when the reference list says so.
HOST_OF: dict[str, str] = {
    "priv_jnj": "hub_hongneung",  # 서울바이오허브 입주
    "sesac_mapo": "city_gongdeok",  # 서울창업허브 내
}

# Creation order: hosts before the organizations they host.
ALL_FIXED: tuple[OrgSeed, ...] = (
    PUBLIC_AGENCIES
    + HUBS
    + CITY_FACILITIES
    + PRIVATE_FACILITIES
    + STARTUP_CAFES
    + ACADEMIES
    + TARGET_GROUP_CENTERS
    + CONSORTIUM_MEMBERS
    + CORPORATES
    + INVESTORS
)
FIXED_BY_KEY: dict[str, OrgSeed] = {s.key: s for s in ALL_FIXED}

# Fixed organizations that do not take resident startups (test fields, research, funds …).
NOT_HOSTS = frozenset(
    {
        "city_seoul_tech", "city_rnd", "city_yongsan_testbed", "city_robot_field", "city_design",
        "city_ip_gvalley", "city_heukseok", "priv_jnj", "priv_bank_foundation",
    }
)  # fmt: skip
