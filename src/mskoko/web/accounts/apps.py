from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mskoko.web.accounts"
    label = "accounts"
    verbose_name = "Пользователи и роли"
