from django.urls import path

from . import api, views

# Inside i18n_patterns: /ja/search/, /ja-x-easy/search/, /en/search/.
urlpatterns = [path("search/", views.search_view, name="search")]

# Outside i18n_patterns: /api/search/.
api_urlpatterns = [path("api/search/", api.search_api, name="search_api")]
