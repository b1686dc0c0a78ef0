from django.contrib import admin

from integra.topics.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "position", "is_active"]
    list_editable = ["position", "is_active"]
