from django.urls import path

from . import views

app_name = "booking"
urlpatterns = [
    path("booking/", views.slot_list, name="slots"),
    path("booking/<int:slot_id>/", views.slot_form, name="form"),
    path("booking/done/<str:token>/", views.done, name="done"),
    path("booking/cancel/<str:token>/", views.cancel, name="cancel"),
]
