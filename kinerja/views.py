from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from satker.akses import ambil_satker, boleh_ubah, keanggotaan_pengguna, pereviu, satker_terlihat

from . import services
from .access import ambil_pk
from .forms import KebijakanForm, PitaForm
from .kelengkapan import kelengkapan_pk
from .models import KebijakanCapaian, PerjanjianKinerja
from .pengukuran import tabel_pengukuran
from .selectors_pk import aksi_pk, pesan_laporan_terkunci


@login_required
def beranda(request):
    anggota = keanggotaan_pengguna(request.user)
    if anggota and not pereviu(request.user):
        return _ke_tahun_terakhir(anggota.satker)
    satker_list = (
        satker_terlihat(request.user)
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
    satker = ambil_satker(request, kode)
    if not satker.perjanjian_kinerja.exists():
        context = {"satker": satker, "bisa_ubah": boleh_ubah(request.user, satker)}
        return render(request, "kinerja/satker_kosong.html", context)
    return _ke_tahun_terakhir(satker)


@login_required
def satker_tahun(request, kode, tahun):
    satker = ambil_satker(request, kode)
    pk_list = list(
        PerjanjianKinerja.objects.dengan_item().untuk_satker_tahun(satker, tahun).terkini()
    )
    if not pk_list:
        raise Http404("Belum ada Perjanjian Kinerja untuk tahun ini.")
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
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
        "bisa_ubah": boleh_ubah(request.user, satker),
    }
    return render(request, "kinerja/satker_tahun.html", context)


@login_required
def pk_detail(request, pk_id):
    pk = ambil_pk(request, pk_id)
    tabel = tabel_pengukuran(pk, KebijakanCapaian.objects.untuk(pk.satker, pk.tahun))
    context = {
        "pk": pk,
        "tabel": tabel,
        "kunci_laporan": pesan_laporan_terkunci(pk),
        "info": aksi_pk(pk, request.user),
    }
    return render(request, "kinerja/pk_detail.html", context)


def _halaman_kebijakan(request, satker, tahun, form=None, form_pita=None, status=200):
    kebijakan = KebijakanCapaian.objects.untuk(satker, tahun)
    awal = {"skala_kategori": kebijakan.skala_kategori_id, "batas_rerata": kebijakan.batas_rerata}
    pita_awal = [(p.label, p.batas_bawah) for p in list(kebijakan.skala_kategori.pita.all())[::-1]]
    batas_atas = [None] + [batas for _, batas in pita_awal[:-1]]
    context = {
        "satker": satker,
        "tahun": tahun,
        "kebijakan": kebijakan,
        "pita": [
            (label, bawah, atas) for (label, bawah), atas in zip(pita_awal, batas_atas, strict=True)
        ],
        "form": form or KebijakanForm(initial=awal, satker=satker),
        "form_pita": form_pita or PitaForm(initial=awal, pita_awal=pita_awal),
        "bisa_ubah": boleh_ubah(request.user, satker),
    }
    return render(request, "kinerja/kebijakan.html", context, status=status)


@login_required
def kebijakan_capaian(request, kode, tahun):
    satker = ambil_satker(request, kode)
    if services.kebijakan_pastikan(satker=satker, tahun=tahun) is None:
        raise Http404("Belum ada skala kategori yang dapat dipilih.")
    return _halaman_kebijakan(request, satker, tahun)


@login_required
@require_POST
def kebijakan_pilih(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
    form = KebijakanForm(request.POST, satker=satker)
    if form.is_valid():
        try:
            services.kebijakan_ubah(satker=satker, tahun=tahun, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Kebijakan capaian tersimpan; semua capaian dihitung ulang.")
            return redirect("kebijakan_capaian", kode=satker.kode, tahun=tahun)
    return _halaman_kebijakan(request, satker, tahun, form=form, status=400)


@login_required
@require_POST
def kebijakan_pita(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
    form = PitaForm(request.POST)
    if form.is_valid():
        try:
            services.skala_sendiri_simpan(
                satker=satker,
                tahun=tahun,
                pita=form.cleaned_data["pita"],
                batas_rerata=form.cleaned_data["batas_rerata"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Skala kategori satker tersimpan dan dipakai untuk tahun ini."
            )
            return redirect("kebijakan_capaian", kode=satker.kode, tahun=tahun)
    return _halaman_kebijakan(request, satker, tahun, form_pita=form, status=400)
