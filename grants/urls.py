
app_name = "grants"

urlpatterns: list = []
