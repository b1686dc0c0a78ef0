app_name = "forum_staff"
urlpatterns: list = []
