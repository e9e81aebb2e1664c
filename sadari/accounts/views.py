"""Account pages: the login page with brute-force limits, sign-up, and the user's own page."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from sadari.accounts.models import User

# Failed and successful attempts both count: per client address and per username.
LOGIN_RATE_PER_IP = "30/m"
LOGIN_RATE_PER_USERNAME = "10/5m"
SIGNUP_RATE_PER_IP = "10/h"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        limited = is_ratelimited(
            request,
            group="login-ip",
            key="ip",
            rate=LOGIN_RATE_PER_IP,
            method="POST",
            increment=True,
        )
        limited |= is_ratelimited(
            request,
            group="login-username",
            key=lambda _group, req: (req.POST.get("username") or "").strip().lower()[:150],
            rate=LOGIN_RATE_PER_USERNAME,
            method="POST",
            increment=True,
        )
        if limited:
            form = self.get_form()
            form.add_error(
                None, _("Too many login attempts. Please wait a few minutes and try again.")
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)


@login_required
def me(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organization")
    return render(request, "accounts/me.html", {"memberships": memberships})


class SignupForm(UserCreationForm):
    """A personal account (no organization or role: those come from memberships later)."""

    display_name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("As others should see it, e.g. 김도윤.")
    )
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("For notifications and password reset.")
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists."))
        return email


def signup(request: HttpRequest) -> HttpResponse:
    """Anyone may open an account (to submit an idea, book mentoring …); rate-limited per
    client address."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:me")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if is_ratelimited(
            request,
            group="signup-ip",
            key="ip",
            rate=SIGNUP_RATE_PER_IP,
            method="POST",
            increment=True,
        ):
            form.add_error(None, _("Too many sign-ups from here. Please try again later."))
            response = render(request, "accounts/signup.html", {"form": form, "next": next_url})
            response.status_code = 429
            return response
        if form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Sadari."))
            return redirect(next_url or "accounts:me")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})
