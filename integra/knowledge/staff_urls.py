app_name = "knowledge_staff"
urlpatterns: list = []
