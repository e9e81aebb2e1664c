from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def me(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organization")
    return render(request, "accounts/me.html", {"memberships": memberships})
