"""Forms of the pages (labels and messages in Russian)."""

from __future__ import annotations

from typing import Any

from django import forms

from mskoko.web.accounts.models import Role
from mskoko.web.core.models import Municipality


class UserCreateForm(forms.Form):
    login = forms.CharField(label="Логин", max_length=150)
    full_name = forms.CharField(label="Фамилия и имя", max_length=300, required=False)
    role = forms.ChoiceField(label="Роль", choices=Role.choices)
    municipality = forms.ModelChoiceField(
        label="Муниципалитет",
        queryset=Municipality.objects.all(),
        required=False,
        empty_label="— не выбран —",
        help_text="Обязателен для специалиста муниципалитета.",
    )
    password = forms.CharField(
        label="Пароль", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Не короче 8 символов, не только цифры, не из списка распространённых.",
    )
    password_again = forms.CharField(
        label="Пароль ещё раз", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "Пароли не совпадают.")
        if data.get("role") == Role.MUNICIPAL and not data.get("municipality"):
            self.add_error("municipality", "Выберите муниципалитет специалиста.")
        return data


class DataUploadForm(forms.Form):
    """Either one .zip, or the contract's files one by one (CSV or XLSX)."""

    archive = forms.FileField(label="Архив .zip со всеми файлами", required=False)
    organizations = forms.FileField(label="organizations — реестр организаций", required=False)
    results = forms.FileField(label="results — результаты оценочных процедур", required=False)
    scales = forms.FileField(label="scales — пороги отметок (если есть)", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("archive") and not (data.get("organizations") and data.get("results")):
            raise forms.ValidationError(
                "Выберите архив .zip или два файла: реестр организаций и результаты."
            )
        return data
