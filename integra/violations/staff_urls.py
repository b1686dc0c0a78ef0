app_name = "violations_staff"
urlpatterns: list = []
