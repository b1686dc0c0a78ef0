app_name = "clients_staff"
urlpatterns: list = []
