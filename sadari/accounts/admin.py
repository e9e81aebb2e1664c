from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sadari.accounts.models import ApiToken, Membership, User

admin.site.register(User, UserAdmin)
admin.site.register(Membership)
admin.site.register(ApiToken)
