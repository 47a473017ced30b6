"""URL routes: pages by role, downloads, the API and the OpenAPI description."""

from django.contrib import admin
from django.urls import path

from mskoko.web.api import api, openapi_json
from mskoko.web.pages import (
    auth,
    dashboard,
    documents,
    expert,
    home,
    imports,
    manage,
    region,
    roadmap,
    rulebooks,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    # A municipality's workspace: every route resolves <mid> through mskoko.web.access.
    path("m/<str:mid>/", dashboard.dashboard, name="dashboard"),
    path("m/<str:mid>/charts/<str:name>.svg", dashboard.chart, name="chart"),
    path("m/<str:mid>/analysis/run/", dashboard.run_analysis, name="analysis-run"),
    path("m/<str:mid>/analysis/status/", dashboard.analysis_status, name="analysis-status"),
    path("m/<str:mid>/analysis/files/<str:name>", dashboard.analysis_file, name="analysis-file"),
    path("m/<str:mid>/analysis/indicators.xlsx", dashboard.indicators_xlsx,
         name="indicators-xlsx"),
    path("m/<str:mid>/import/", imports.municipality_import, name="import"),
    path("m/<str:mid>/documents/", documents.documents, name="documents"),
    path("m/<str:mid>/documents/upload/", documents.upload, name="document-upload"),
    path("m/<str:mid>/documents/<int:pk>/", documents.document_detail, name="document"),
    path("m/<str:mid>/documents/<int:pk>/file", documents.document_file, name="document-file"),
    path("m/<str:mid>/documents/<int:pk>/delete/", documents.document_delete,
         name="document-delete"),
    path("m/<str:mid>/generated/<str:kind>/", documents.generated_file, name="generated"),
    path("m/<str:mid>/cycle/", roadmap.cycle_overview, name="cycle"),
    path("m/<str:mid>/cycle/<str:track_id>/goal/", roadmap.save_goal, name="cycle-goal"),
    path("m/<str:mid>/roadmap/", roadmap.roadmap, name="roadmap"),
    path("m/<str:mid>/roadmap/import/", roadmap.roadmap_import, name="roadmap-import"),
    path("m/<str:mid>/roadmap/<str:track_id>/add/", roadmap.measure_add, name="measure-add"),
    path("m/<str:mid>/roadmap/<str:track_id>/<int:index>/", roadmap.measure_row,
         name="measure-row"),
    path("m/<str:mid>/roadmap/<str:track_id>/<int:index>/edit/", roadmap.measure_edit,
         name="measure-edit"),
    path("m/<str:mid>/roadmap/<str:track_id>/<int:index>/delete/", roadmap.measure_delete,
         name="measure-delete"),
    path("m/<str:mid>/roadmap/<str:track_id>/<int:index>/event-plan/", roadmap.event_plan,
         name="event-plan"),
    # Regional expert.
    path("expert/", expert.expert_home, name="expert-home"),
    path("expert/m/<str:mid>/", expert.scoring, name="scoring"),
    path("expert/m/<str:mid>/score/", expert.save_score, name="score-save"),
    path("expert/m/<str:mid>/penalty/", expert.save_penalty, name="score-penalty"),
    path("expert/m/<str:mid>/accept/", expert.accept, name="score-accept"),
    path("expert/m/<str:mid>/propose/", expert.propose, name="score-propose"),
    path("expert/m/<str:mid>/profile.svg", expert.profile_svg, name="score-profile"),
    path("expert/m/<str:mid>/scorecard.xlsx", expert.scorecard_xlsx, name="scorecard-xlsx"),
    path("expert/region/", region.region, name="region"),
    path("expert/region/heatmap.svg", region.region_heatmap, name="region-heatmap"),
    path("expert/region.xlsx", region.region_xlsx, name="region-xlsx"),
    path("expert/periods/", region.periods, name="periods"),
    path("expert/periods/<int:year>/", region.period_lock, name="period-lock"),
    # Administrator.
    path("manage/users/", manage.users, name="users"),
    path("manage/audit/", manage.audit_log, name="audit"),
    path("manage/import/", imports.region_import, name="import-region"),
    path("manage/rulebooks/", rulebooks.rulebooks, name="rulebooks"),
    path("manage/rulebooks/assign/", rulebooks.assign, name="rulebook-assign"),
    path("manage/rulebooks/<str:edition_id>.yaml", rulebooks.rulebook_file, name="rulebook-file"),
    path("admin/", admin.site.urls),
    # API (CONTRACT section 3) and its description at the site root.
    path("api/", api.urls),
    path("openapi.json", openapi_json, name="openapi"),
]
