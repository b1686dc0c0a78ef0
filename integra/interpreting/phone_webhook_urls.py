"""Webhooks of phone interpretation, under /telephony/interpreting/ (not language-prefixed, signed)."""

from django.urls import path

from integra.interpreting import phone_webhooks

app_name = "interpreting_phone_hooks"
urlpatterns = [
    path("interpreter/<slug:token>/answer/", phone_webhooks.answer, name="answer"),
    path("interpreter/<slug:token>/keypad/", phone_webhooks.keypad, name="keypad"),
    path("interpreter/<slug:token>/status/", phone_webhooks.status, name="status"),
    path("call/<slug:token>/requester/", phone_webhooks.requester_status, name="requester_status"),
    path("call/<slug:token>/other/", phone_webhooks.other_status, name="other_status"),
]
