from django.apps import AppConfig


class AnggaranConfig(AppConfig):
    name = "anggaran"
    verbose_name = "Anggaran"

    def ready(self):
        # Django loads app modules only once the app registry is ready, hence here.
        from kinerja import views_realisasi

        from .realisasi import lengkapi_baris_realisasi

        if lengkapi_baris_realisasi not in views_realisasi.PELENGKAP_BARIS:
            views_realisasi.PELENGKAP_BARIS.append(lengkapi_baris_realisasi)
