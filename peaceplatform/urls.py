from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from alerts import views as alerts_views
from peaceplatform import embeds, feeds, oai, search, sitemaps, staff, views
from peaceplatform.admin import markdown_preview, review_queue
from peaceplatform.languages import language_patterns

# Pages in every language: /fr/reports/…, /ar/reports/… (English at the root).
urlpatterns = language_patterns(
    path("", views.home, name="home"),
    path("search/", search.search, name="search"),
    path("reports/", include("reports.urls")),
    path("events/", include("events.urls")),
    path("operations/", include("operations.urls")),
    path("", include("directory.urls")),
    path("", include("reports.tracker_urls")),
    path("feeds/reports/", feeds.LatestReportsFeed(), name="feed_reports"),
    path("feeds/reports/atom/", feeds.atom(feeds.LatestReportsFeed)(), name="feed_reports_atom"),
    path("feeds/events/", feeds.LatestEventsFeed(), name="feed_events"),
    path("feeds/events/atom/", feeds.atom(feeds.LatestEventsFeed)(), name="feed_events_atom"),
    path("feeds/topics/<slug:slug>/", feeds.TopicFeed(), name="feed_topic"),
    path("feeds/topics/<slug:slug>/atom/", feeds.atom(feeds.TopicFeed)(), name="feed_topic_atom"),
    path("feeds/member-states/<slug:slug>/", feeds.MemberStateFeed(), name="feed_member_state"),
    path("feeds/operations/<slug:slug>/", feeds.OperationFeed(), name="feed_operation"),
    path(
        "feeds/operations/<slug:slug>/atom/",
        feeds.atom(feeds.OperationFeed)(),
        name="feed_operation_atom",
    ),
    path(
        "feeds/member-states/<slug:slug>/atom/",
        feeds.atom(feeds.MemberStateFeed)(),
        name="feed_member_state_atom",
    ),
    path(
        "feeds/reports/<slug:slug>/recommendations/<slug:label>/",
        feeds.RecommendationFeed(),
        name="feed_recommendation",
    ),
    path(
        "feeds/reports/<slug:slug>/tracker/",
        feeds.ReportTrackerFeed(),
        name="feed_report_tracker",
    ),
    path(
        "feeds/topics/<slug:slug>/recommendations/",
        feeds.TopicTrackerFeed(),
        name="feed_topic_tracker",
    ),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="feed_corrections"),
    path(
        "feeds/corrections/atom/",
        feeds.atom(feeds.CorrectionsFeed)(),
        name="feed_corrections_atom",
    ),
    path("feeds/search/", feeds.SearchFeed(), name="feed_search"),
    path("feeds/search/atom/", feeds.atom(feeds.SearchFeed)(), name="feed_search_atom"),
    path("methodology/", views.methodology, name="methodology"),
    path("corrections/", views.corrections, name="corrections"),
    path("embed/topics/<slug:slug>/reports/", embeds.topic_reports, name="embed_topic_reports"),
    path(
        "embed/member-states/<slug:slug>/reports/",
        embeds.member_state_reports,
        name="embed_member_state_reports",
    ),
    path(
        "embed/recommendations/<int:pk>/",
        embeds.recommendation_status,
        name="embed_recommendation",
    ),
    path(
        "embed/reports/<slug:slug>/tracker/",
        embeds.report_tracker,
        name="embed_report_tracker",
    ),
    path("api/", views.api_guide, name="api_guide"),
    path("follow/", include("alerts.urls")),
)

urlpatterns += [
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("oembed/", embeds.oembed, name="oembed"),
    path("oai/", oai.endpoint, name="oai"),
    path("oai/peace.xsd", oai.peace_schema, name="oai_peace_schema"),
    path("api/v1/", include("peaceplatform.api.urls")),
    path("admin/review/", admin.site.admin_view(review_queue), name="review-queue"),
    # The admin's language, chosen at the top of every admin page (Django's own view:
    # the cookie the site reads, and back to the page).
    path("admin/language/", admin.site.admin_view(set_language), name="admin-language"),
    path(
        "admin/notifications/",
        admin.site.admin_view(alerts_views.notification_preferences),
        name="notification-preferences",
    ),
    path(
        "admin/markdown-preview/",
        admin.site.admin_view(markdown_preview),
        name="markdown-preview",
    ),
    # Staff password reset, in the admin's look (its templates ship with Django). The
    # "sent" page is the same whether or not an account has that address, and whether
    # or not the hourly limit (views.PasswordResetView) held the mail back.
    path(
        "admin/password_reset/",
        views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The second step of a staff sign-in (peaceplatform/staff.py).
    path("admin/second-factor/", staff.verify_view, name="second-factor"),
    path("admin/second-factor/setup/", staff.setup_view, name="second-factor-setup"),
    path(
        "admin/second-factor/recovery-codes/",
        staff.recovery_codes_view,
        name="second-factor-recovery-codes",
    ),
    path("admin/", admin.site.urls),
]

handler400 = "peaceplatform.views.bad_request"
handler404 = "peaceplatform.views.not_found"
handler500 = "peaceplatform.views.server_error"
