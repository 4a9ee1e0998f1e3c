"""URLs of urls_pk; see the views module of the same name."""

urlpatterns: list = []
