app_name = "violations"
urlpatterns: list = []
