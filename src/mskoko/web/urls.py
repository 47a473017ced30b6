"""URL routes; the web application's pages and API are added by the web app modules."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
