from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "mskoko.web.cycle"
    label = "cycle"
