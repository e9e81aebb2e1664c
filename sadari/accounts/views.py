"""Account pages: the login page with brute-force limits, and the user's own page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

# Failed and successful attempts both count: per client address and per username.
LOGIN_RATE_PER_IP = "30/m"
LOGIN_RATE_PER_USERNAME = "10/5m"


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
