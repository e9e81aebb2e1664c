"""Small view helpers shared by the apps' pages."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse


def login_required_or_404(view):
    """Anonymous → the login page; signed-in users are checked by the view (404)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def page_of(request: HttpRequest, queryset, per_page: int) -> Page:
    """The ``?page=`` page of ``queryset`` (a bad or out-of-range number gives a valid page)."""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    return Paginator(queryset, per_page).get_page(number)


def add_validation_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: per field when it names one, else general."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
