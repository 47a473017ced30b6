"""The scoring tables in Django's admin: for an administrator's look, not for daily scoring."""

from __future__ import annotations

from django.contrib import admin

from mskoko.web.scoring.models import ExpertPenalty, ExpertScore, Proposal, ScoringPeriod


@admin.register(ScoringPeriod)
class ScoringPeriodAdmin(admin.ModelAdmin):
    list_display = ("year", "rulebook_id", "combine", "chief_expert", "locked", "locked_at")


@admin.register(ExpertScore)
class ExpertScoreAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "track_id", "criterion_id", "expert", "points",
                    "source", "updated_at")
    list_filter = ("year", "source", "municipality")
    search_fields = ("criterion_id", "track_id", "comment")


@admin.register(ExpertPenalty)
class ExpertPenaltyAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "track_id", "rule_id", "expert", "points", "source")
    list_filter = ("year", "municipality")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "kind", "track_id", "criterion_id", "points",
                    "max_points", "status")
    list_filter = ("year", "kind", "municipality")
