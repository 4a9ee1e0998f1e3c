from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from satker.models import Peran, Satker, bisa_mengubah, keanggotaan_of

from .access import get_pk, get_satker
from .kelengkapan import kelengkapan_pk
from .models import KebijakanCapaian, PerjanjianKinerja
from .pengukuran import tabel_pengukuran


def _kebijakan(satker, tahun):
    return (
        KebijakanCapaian.objects.select_related("skala_kategori")
        .prefetch_related("skala_kategori__pita")
        .filter(satker=satker, tahun=tahun)
        .first()
    )


@login_required
def home(request):
    anggota = keanggotaan_of(request.user)
    if anggota and anggota.peran not in (Peran.ADMIN, Peran.REVIEWER):
        return _ke_tahun_terakhir(anggota.satker)
    satker_list = (
        Satker.objects.visible_to(request.user)
        .annotate(
            jumlah_pk=Count("perjanjian_kinerja"), tahun_terakhir=Max("perjanjian_kinerja__tahun")
        )
        .filter(jumlah_pk__gt=0)
        .select_related("induk")
    )
    return render(request, "kinerja/home.html", {"anggota": anggota, "satker_list": satker_list})


def _ke_tahun_terakhir(satker):
    """The year being reported is the latest year with a PK."""
    tahun = satker.perjanjian_kinerja.aggregate(t=Max("tahun"))["t"]
    if tahun is None:
        return redirect("satker_detail", kode=satker.kode)
    return redirect("satker_tahun", kode=satker.kode, tahun=tahun)


@login_required
def satker_detail(request, kode):
    satker = get_satker(request, kode)
    if not satker.perjanjian_kinerja.exists():
        context = {"satker": satker, "bisa_ubah": bisa_mengubah(request.user, satker)}
        return render(request, "kinerja/satker_kosong.html", context)
    return _ke_tahun_terakhir(satker)


@login_required
def satker_tahun(request, kode, tahun):
    satker = get_satker(request, kode)
    pk_list = list(PerjanjianKinerja.objects.with_items().for_satker_tahun(satker, tahun).terkini())
    if not pk_list:
        raise Http404("Belum ada Perjanjian Kinerja untuk tahun ini.")
    kebijakan = _kebijakan(satker, tahun)
    hari_ini = timezone.localdate()
    ringkasan = []
    for pk in pk_list:
        kelengkapan = kelengkapan_pk(pk, hari_ini)
        sampai = kelengkapan.triwulan_terakhir_terisi or 4
        ringkasan.append((tabel_pengukuran(pk, kebijakan, sampai), kelengkapan))
    context = {
        "satker": satker,
        "tahun": tahun,
        "ringkasan": ringkasan,
        "tahun_list": satker.perjanjian_kinerja.values_list("tahun", flat=True)
        .distinct()
        .order_by("-tahun"),
        "bisa_ubah": bisa_mengubah(request.user, satker),
    }
    return render(request, "kinerja/satker_tahun.html", context)


@login_required
def pk_detail(request, pk_id):
    pk = get_pk(request, pk_id)
    tabel = tabel_pengukuran(pk, _kebijakan(pk.satker, pk.tahun))
    return render(request, "kinerja/pk_detail.html", {"pk": pk, "tabel": tabel})
