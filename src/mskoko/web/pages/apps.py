from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "mskoko.web.pages"
    label = "pages"
    verbose_name = "Страницы приложения"
