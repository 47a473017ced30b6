from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "mskoko.web.scoring"
    label = "scoring"
