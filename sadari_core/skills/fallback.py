"""A small shipped occupation list for when the O*NET files are not there.

The full title classifier is built from O*NET's 1,016 occupations and ~40,000 alternate titles
under ``SADARI_DATA_DIR``. A checkout without that folder still classifies the common roles of
the academies' tracks and of Korean job boards against this list: 47 O*NET-SOC occupations
(code and O*NET title, from O*NET 29.2, CC BY 4.0) with a few everyday English titles each,
written here (not O*NET's alternate-title table). Korean titles reach them through the same
word-by-word translation (:mod:`sadari_core.skills.korean`). It is coarse on purpose: an
unusual title matches nothing well and gets no code.
"""

from __future__ import annotations

from functools import lru_cache

from sadari_core.skills.onet import AlternateTitle, Occupation, OnetData

# code → (O*NET title, everyday titles)
COMMON_OCCUPATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "11-1021.00": ("General and Operations Managers", ("Operations Manager", "General Manager")),
    "11-2021.00": ("Marketing Managers", ("Marketing Manager", "Brand Manager")),
    "11-2022.00": ("Sales Managers", ("Sales Manager",)),
    "11-3021.00": ("Computer and Information Systems Managers", ("IT Manager", "CTO")),
    "13-1071.00": ("Human Resources Specialists", ("HR Specialist", "Recruiter", "HR Manager")),
    "13-1081.00": ("Logisticians", ("Logistics Specialist", "Supply Chain Analyst")),
    "13-1111.00": ("Management Analysts", ("Management Consultant", "Business Analyst")),
    "13-1161.00": (
        "Market Research Analysts and Marketing Specialists",
        ("Marketer", "Marketing Specialist", "Digital Marketer", "Growth Marketer"),
    ),
    "13-2011.00": ("Accountants and Auditors", ("Accountant", "Auditor", "Tax Accountant")),
    "13-2051.00": (
        "Financial and Investment Analysts",
        ("Financial Analyst", "Investment Analyst"),
    ),
    "15-1211.00": ("Computer Systems Analysts", ("Systems Analyst", "IT Consultant")),
    "15-1212.00": (
        "Information Security Analysts",
        ("Security Engineer", "Information Security Specialist", "Security Analyst"),
    ),
    "15-1221.00": (
        "Computer and Information Research Scientists",
        ("Research Scientist", "AI Researcher", "Machine Learning Researcher"),
    ),
    "15-1232.00": ("Computer User Support Specialists", ("Technical Support Specialist",)),
    "15-1242.00": ("Database Administrators", ("Database Administrator", "DBA")),
    "15-1243.00": ("Database Architects", ("Data Engineer", "Database Architect")),
    "15-1244.00": (
        "Network and Computer Systems Administrators",
        ("Systems Administrator", "Network Administrator", "Network Engineer"),
    ),
    "15-1251.00": ("Computer Programmers", ("Programmer", "Computer Programmer")),
    "15-1252.00": (
        "Software Developers",
        (
            "Software Developer",
            "Software Engineer",
            "Application Developer",
            "Server Developer",
            "Mobile App Developer",
            "Android Developer",
            "iOS Developer",
            "Game Developer",
            "Embedded Software Engineer",
        ),
    ),
    "15-1253.00": (
        "Software Quality Assurance Analysts and Testers",
        ("QA Engineer", "Software Tester", "Test Engineer"),
    ),
    "15-1254.00": (
        "Web Developers",
        (
            "Web Developer",
            "Back End Developer",
            "Front End Developer",
            "Full Stack Developer",
            "Web Publisher",
        ),
    ),
    "15-1255.00": (
        "Web and Digital Interface Designers",
        ("UI Designer", "UX Designer", "UI UX Designer", "Web Designer", "Product Designer"),
    ),
    "15-1299.08": (
        "Computer Systems Engineers/Architects",
        ("DevOps Engineer", "Cloud Engineer", "Solutions Architect", "Infrastructure Engineer"),
    ),
    "15-1299.09": (
        "Information Technology Project Managers",
        ("IT Project Manager", "Product Manager", "Service Planner", "Project Manager", "PM"),
    ),
    "15-2051.00": (
        "Data Scientists",
        ("Data Scientist", "Machine Learning Engineer", "AI Engineer", "Deep Learning Engineer"),
    ),
    "15-2051.01": ("Business Intelligence Analysts", ("Data Analyst", "BI Analyst")),
    "17-2072.00": ("Electronics Engineers, Except Computer", ("Electronics Engineer",)),
    "17-2141.00": ("Mechanical Engineers", ("Mechanical Engineer", "Mechanical Designer")),
    "21-1093.00": ("Social and Human Service Assistants", ("Social Worker Assistant",)),
    "25-2021.00": ("Elementary School Teachers, Except Special Education", ("Teacher",)),
    "27-1014.00": ("Special Effects Artists and Animators", ("Animator", "Motion Designer")),
    "27-1024.00": ("Graphic Designers", ("Graphic Designer", "Visual Designer", "BX Designer")),
    "27-3031.00": ("Public Relations Specialists", ("PR Specialist", "Public Relations Manager")),
    "27-3042.00": ("Technical Writers", ("Technical Writer",)),
    "29-1141.00": ("Registered Nurses", ("Nurse", "Registered Nurse")),
    "29-2061.00": ("Licensed Practical and Licensed Vocational Nurses", ("Practical Nurse",)),
    "31-1131.00": ("Nursing Assistants", ("Nursing Assistant", "Caregiver")),
    "31-9092.00": ("Medical Assistants", ("Medical Assistant",)),
    "35-2014.00": ("Cooks, Restaurant", ("Cook", "Chef")),
    "39-9011.00": ("Childcare Workers", ("Childcare Worker",)),
    "41-3091.00": (
        "Sales Representatives of Services, Except Advertising, Insurance, Financial Services, "
        "and Travel",
        ("Sales Representative", "Account Executive"),
    ),
    "43-3031.00": (
        "Bookkeeping, Accounting, and Auditing Clerks",
        ("Bookkeeper", "Accounting Clerk"),
    ),
    "43-4051.00": ("Customer Service Representatives", ("Customer Service Representative",)),
    "43-6014.00": (
        "Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
        ("Office Assistant", "Administrative Assistant", "Secretary"),
    ),
    "47-2111.00": ("Electricians", ("Electrician",)),
    "51-4121.00": ("Welders, Cutters, Solderers, and Brazers", ("Welder",)),
    "53-3032.00": ("Heavy and Tractor-Trailer Truck Drivers", ("Truck Driver",)),
}


@lru_cache(maxsize=1)
def fallback_onet() -> OnetData:
    """The shipped common occupations as O*NET tables (occupations and alternate titles)."""
    occupations = tuple(Occupation(code, title) for code, (title, _) in COMMON_OCCUPATIONS.items())
    alternates = tuple(
        AlternateTitle(code, alt, sources=3)
        for code, (_, alts) in COMMON_OCCUPATIONS.items()
        for alt in alts
    )
    return OnetData(occupations=occupations, alternate_titles=alternates)
