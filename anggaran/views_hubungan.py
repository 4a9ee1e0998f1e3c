"""Which ROs serve which PK indicator: one form for the satker-year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from satker.akses import ambil_satker, boleh_ubah
from satker.kunci import pesan_kunci

from . import services


def _pilihan(post) -> dict[int, list[int]]:
    """{item id: [RO ids]} from fields named ro-<item id>; anything else is ignored."""
    hasil = {}
    for kunci in post:
        if kunci.startswith("ro-") and kunci[3:].isdigit():
            hasil[int(kunci[3:])] = [int(v) for v in post.getlist(kunci) if v.isdigit()]
    return hasil


@login_required
def anggaran_hubungan(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=request.method == "POST")
    if request.method == "POST":
        try:
            jumlah = services.hubungan_simpan(
                satker=satker, tahun=tahun, pilihan=_pilihan(request.POST)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{jumlah} hubungan RO dan indikator tersimpan.")
            return redirect("anggaran_hubungan", kode=kode, tahun=tahun)
    items = list(services.item_pk_tahun(satker, tahun).prefetch_related("ro_anggaran"))
    pohon = services.pohon_satker(satker, tahun)
    kunci = pesan_kunci(satker, tahun)
    context = {
        "satker": satker,
        "tahun": tahun,
        "baris": services.hubungan_baris(items, pohon),
        "pohon": pohon,
        "kunci_laporan": kunci,
        "bisa_ubah": boleh_ubah(request.user, satker) and kunci is None,
    }
    return render(request, "anggaran/hubungan.html", context)
