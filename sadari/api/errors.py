"""API errors. Every error body is JSON ``{"code": ..., "message": ...}`` (422s add ``detail``)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

# A code for HttpErrors raised without one (ninja's own AuthenticationError, Throttled, …).
_CODE_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "throttled",
}


class ApiError(HttpError):
    """An error with a machine-readable ``code`` next to the human ``message``."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


class InvalidTokenError(ApiError):
    def __init__(self, message: str = "The API token is invalid or has been revoked.") -> None:
        super().__init__(401, "invalid_token", message)


class InvalidCursorError(ApiError):
    def __init__(
        self, message: str = "The cursor is invalid; use next_cursor as returned."
    ) -> None:
        super().__init__(400, "invalid_cursor", message)


class ErrorOut(Schema):
    """The body of every error response."""

    code: str
    message: str
    detail: list[dict[str, Any]] | None = None  # validation errors only


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def install_error_handlers(api: NinjaAPI) -> None:
    """Replaces ninja's ``{"detail": ...}`` bodies with ``{"code", "message"}`` ones."""

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Missing and forbidden look the same (the selectors raise Http404 for both).
        return api.create_response(request, error_body("not_found", "Not found."), status=404)

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        body = error_body("validation_error", "Invalid request parameters.", detail=exc.errors)
        return api.create_response(request, body, status=422)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = getattr(exc, "code", None) or _CODE_BY_STATUS.get(exc.status_code, "error")
        response = api.create_response(request, error_body(code, str(exc)), status=exc.status_code)
        if exc.status_code == 401:
            response["WWW-Authenticate"] = f'Bearer error="{code}"'
        return response

    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(HttpError, http_error)
