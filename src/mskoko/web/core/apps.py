from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mskoko.web.core"
    label = "core"
    verbose_name = "Муниципалитеты и организации"
