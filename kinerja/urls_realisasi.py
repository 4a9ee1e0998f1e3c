"""URLs of urls_realisasi; see the views module of the same name."""

urlpatterns: list = []
