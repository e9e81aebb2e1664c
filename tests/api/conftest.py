"""API test helpers: data built through the directory services, clients with a bearer token."""

import pytest
from django.test import Client

from sadari.accounts.models import ApiToken
from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create

API = "/api/v1"


@pytest.fixture
def api_client():
    """A client factory: ``api_client(user)`` sends that user's fresh bearer token."""

    def _make(user=None, *, token: str | None = None) -> Client:
        if user is not None and token is None:
            _, token = ApiToken.issue(user=user, name="test")
        if token is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {token}"})

    return _make


@pytest.fixture
def startup(db):
    return organization_create(
        kind=OrgKind.STARTUP,
        name_ko="(주)하늘드론",
        name_en="Haneul Drone",
        industry="drone",
        district="용산구",
        stage="seed",
        description_ko="드론 배송 스타트업",
        description_en="Drone delivery startup",
        contact_email="ceo@haneul.example.kr",
        contact_phone="02-123-4567",
        revenue_krw=125_000_000,
    )
