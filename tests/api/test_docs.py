"""OpenAPI schema and the docs UI, served entirely from local static files (no CDN)."""

import re

import pytest

from .conftest import API

pytestmark = pytest.mark.django_db


def test_openapi_schema(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/organizations",
        "/organizations/{id}",
        "/people",
        "/people/{id}",
        "/programs",
        "/programs/{id}",
        "/spaces",
        "/spaces/{id}",
        "/search",
        "/search/suggest",
    ):
        assert f"/api/v1{path}" in schema["paths"], path
        assert "get" in schema["paths"][f"/api/v1{path}"]
    params = {p["name"] for p in schema["paths"]["/api/v1/organizations"]["get"]["parameters"]}
    assert {"kind", "district", "industry", "stage", "host", "q", "limit", "cursor"} <= params
    responses = schema["paths"]["/api/v1/organizations/{id}"]["get"]["responses"]
    assert {"200", "401", "404", "422"} <= set(responses)
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_docs_ui_uses_only_local_assets(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    for cdn in ("cdn", "unpkg", "jsdelivr", "cloudflare", "googleapis"):
        assert cdn not in html.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    scripts = [a for a in assets if a.endswith(".js")]
    assert scripts, html
    assert all(a.startswith("/static/") for a in assets), assets
    assert any("swagger-ui-bundle" in s for s in scripts)
    for url in assets:
        asset = client.get(url)
        try:
            assert asset.status_code == 200, url
            assert b"".join(asset.streaming_content if asset.streaming else [asset.content])
        finally:
            asset.close()
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise call validator.swagger.io
