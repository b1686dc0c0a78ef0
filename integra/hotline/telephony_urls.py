from django.urls import path

from integra.hotline import webhooks

app_name = "telephony"
urlpatterns = [
    path("twilio/voice/", webhooks.voice, name="twilio_voice"),
    path("twilio/status/", webhooks.status, name="twilio_status"),
]
