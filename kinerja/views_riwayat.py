"""The history of a satker Renstra's indicators in the browser: earlier years' target and
realisasi for years without a PK in the application, entered one year at a time (htmx, or
plain form posts) or imported from a workbook (upload, preview, apply).

Every view starts with its access helper (404 for other satker, 403 for read-only roles on
writes); the work is done by kinerja.services_riwayat and kinerja.impor_riwayat, whose
ValidationError (a locked later report included) is shown to the user and changes nothing.
An htmx request gets one indicator's card back; a plain request the whole page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from satker.akses import ambil_satker, boleh_ubah
from satker.kunci import pesan_kunci_per_tahun

from . import impor_riwayat, services_riwayat, xlsx
from .access import ambil_renstra, ambil_riwayat
from .forms_pk import tempel_galat
from .forms_riwayat import ImporRiwayatForm, RiwayatForm
from .models import Indikator, Renstra
from .riwayat import IndikatorRiwayat, halaman_riwayat
from .selectors_pk import renstra_satker
from .views_impor import berkas_sementara, simpan_sementara

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _tahun(teks) -> int | None:
    teks = str(teks or "")
    return int(teks) if teks.isascii() and teks.isdigit() and len(teks) == 4 else None


def _buka(kartu: IndikatorRiwayat, form, *, riwayat=None, tahun=None) -> None:
    """Put the edit form on its row: the history row being corrected, else the empty year being
    filled in, else (a year not listed) below the card's rows."""
    for t in kartu.tahun:
        if riwayat is not None and t.riwayat is not None and t.riwayat.id == riwayat.id:
            t.form = form
            return
        if riwayat is None and tahun is not None and t.tahun == tahun and t.riwayat is None:
            t.form = form
            return
    kartu.form_lain = form


def _konteks(request, renstra: Renstra, kartu_list: list[IndikatorRiwayat]) -> dict:
    satker = renstra.satker
    terkunci = pesan_kunci_per_tahun(satker)
    tahun_kunci = max(terkunci, default=None)
    return {
        "satker": satker,
        "renstra": renstra,
        "kartu_list": kartu_list,
        "bisa_ubah": boleh_ubah(request.user, satker),
        "kunci_laporan": terkunci.get(tahun_kunci),
        "tahun_kunci": tahun_kunci,
        "renstra_lain": satker.renstra.exclude(id=renstra.id).order_by("-tahun_mulai"),
    }


def _balas(
    request,
    renstra,
    *,
    indikator=None,
    form=None,
    riwayat=None,
    tahun=None,
    pesan="",
    status=200,
):
    """htmx: the indicator's card (with the edit form open, or a note after a save); otherwise
    the whole page, with the form open on its row."""
    satker = renstra.satker
    hanya = indikator if _htmx(request) else None
    kartu_list = halaman_riwayat(satker, renstra, hanya=hanya)
    for k in kartu_list:
        if indikator is not None and k.indikator.id == indikator.id:
            if form is not None:
                _buka(k, form, riwayat=riwayat, tahun=tahun)
                form.siapkan(f"f-riwayat-{indikator.id}")
            k.pesan, k.pesan_galat = pesan, status >= 400
    context = _konteks(request, renstra, kartu_list)
    if _htmx(request):
        if not kartu_list:
            raise Http404("Indikator ini tidak ada di halaman riwayat.")
        context["k"] = kartu_list[0]
        return render(request, "kinerja/_riwayat_kartu.html", context, status=status)
    return render(request, "kinerja/riwayat.html", context, status=status)


def _ke_kartu(renstra: Renstra, indikator: Indikator):
    url = reverse("riwayat_renstra", args=[renstra.satker.kode, renstra.id])
    return redirect(f"{url}#ind-{indikator.id}")


def _pesan_tersimpan(riwayat) -> str:
    hasil = riwayat.hitung_capaian()
    if hasil.nilai is None:
        nilai = f"capaian — ({hasil.alasan.rstrip('.')})"
    else:
        nilai = f"capaian {hasil.tampil} ({hasil.aturan})"
    return f"Riwayat {riwayat.indikator.kode} tahun {riwayat.tahun} disimpan: {nilai}."


def _ambil_indikator(renstra: Renstra, indikator_id: int) -> Indikator:
    """An indicator of the page: of `renstra`, in one of the satker's PKs or with history."""
    indikator = (
        Indikator.objects.filter(id=indikator_id, sasaran__renstra=renstra)
        .filter(Q(item_pk__pk_induk__satker=renstra.satker) | Q(riwayat_capaian__isnull=False))
        .select_related("sasaran__renstra__satker", "skala_nilai")
        .first()
    )
    if indikator is None:
        raise Http404("Indikator ini tidak ada di halaman riwayat.")
    return indikator


@login_required
@require_GET
def riwayat_satker_tahun(request, kode, tahun):
    """From a satker-year: the history page of the satker's Renstra covering that year."""
    satker = ambil_satker(request, kode)
    renstra = renstra_satker(satker, tahun)
    if renstra is None:
        raise Http404("Satker ini belum memiliki Renstra untuk tahun tersebut.")
    return redirect("riwayat_renstra", kode=satker.kode, renstra_id=renstra.id)


@login_required
@require_GET
def riwayat_renstra(request, kode, renstra_id):
    renstra = ambil_renstra(request, kode, renstra_id)
    indikator = None
    if _htmx(request) and request.GET.get("indikator", "").isdigit():
        indikator = _ambil_indikator(renstra, int(request.GET["indikator"]))
    return _balas(request, renstra, indikator=indikator)


@login_required
@require_http_methods(["GET", "POST"])
def riwayat_tambah(request, kode, renstra_id, indikator_id):
    """A new year of the indicator's history (the year pre-filled from ?tahun=)."""
    renstra = ambil_renstra(request, kode, renstra_id, ubah=True)
    indikator = _ambil_indikator(renstra, indikator_id)
    if request.method == "GET":
        tahun = _tahun(request.GET.get("tahun"))
        form = RiwayatForm(indikator=indikator, tahun=tahun)
        return _balas(request, renstra, indikator=indikator, form=form, tahun=tahun)
    form = RiwayatForm(request.POST, indikator=indikator)
    if form.is_valid():
        try:
            r = services_riwayat.riwayat_simpan(
                indikator=indikator, user=request.user, **form.argumen()
            )
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            return _tersimpan(request, renstra, r)
    tahun = _tahun(request.POST.get("tahun"))
    return _balas(request, renstra, indikator=indikator, form=form, tahun=tahun, status=400)


def _tersimpan(request, renstra, riwayat):
    pesan = _pesan_tersimpan(riwayat)
    if _htmx(request):
        return _balas(request, renstra, indikator=riwayat.indikator, pesan=pesan)
    messages.success(request, pesan)
    return _ke_kartu(renstra, riwayat.indikator)


@login_required
@require_http_methods(["GET", "POST"])
def riwayat_ubah(request, riwayat_id):
    riwayat = ambil_riwayat(request, riwayat_id, ubah=True)
    indikator = riwayat.indikator
    renstra = indikator.sasaran.renstra
    if request.method == "GET":
        form = RiwayatForm(indikator=indikator, riwayat=riwayat)
        return _balas(request, renstra, indikator=indikator, form=form, riwayat=riwayat)
    form = RiwayatForm(request.POST, indikator=indikator, riwayat=riwayat)
    if form.is_valid():
        try:
            r = services_riwayat.riwayat_simpan(
                indikator=indikator, user=request.user, riwayat=riwayat, **form.argumen()
            )
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            return _tersimpan(request, renstra, r)
    riwayat.refresh_from_db()
    return _balas(request, renstra, indikator=indikator, form=form, riwayat=riwayat, status=400)


@login_required
@require_POST
def riwayat_hapus(request, riwayat_id):
    riwayat = ambil_riwayat(request, riwayat_id, ubah=True)
    indikator = riwayat.indikator
    renstra = indikator.sasaran.renstra
    nama = f"Riwayat {indikator.kode} tahun {riwayat.tahun}"
    try:
        services_riwayat.riwayat_hapus(riwayat=riwayat, user=request.user)
    except ValidationError as exc:
        pesan, berhasil = " ".join(exc.messages), False
    else:
        pesan, berhasil = f"{nama} dihapus.", True
    if _htmx(request):
        status = 200 if berhasil else 400
        return _balas(request, renstra, indikator=indikator, pesan=pesan, status=status)
    (messages.success if berhasil else messages.error)(request, pesan)
    return _ke_kartu(renstra, indikator)


# --- Workbook -------------------------------------------------------------------------------


@login_required
@require_GET
def riwayat_templat(request, kode, renstra_id):
    renstra = ambil_renstra(request, kode, renstra_id)
    respon = HttpResponse(impor_riwayat.templat_xlsx(renstra.satker, renstra), content_type=XLSX)
    nama = f"Riwayat-{renstra.satker.kode}-{renstra.tahun_mulai}-{renstra.tahun_selesai}.xlsx"
    respon["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respon


def _halaman_impor(request, renstra, form, hasil, token, status=None):
    context = {
        "satker": renstra.satker,
        "renstra": renstra,
        "form": form,
        "hasil": hasil,
        "token": token,
        "ukuran_maks_mb": xlsx.BATAS_BYTE // (1024 * 1024),
    }
    if status is None:
        status = 400 if (hasil is not None and not hasil.ok) or form.errors else 200
    return render(request, "kinerja/impor_riwayat.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def riwayat_impor(request, kode, renstra_id):
    renstra = ambil_renstra(request, kode, renstra_id, ubah=True)
    form = ImporRiwayatForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    hasil = token = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data["berkas"].read(xlsx.BATAS_BYTE + 1)
        hasil = impor_riwayat.rencanakan(data, satker=renstra.satker, renstra=renstra)
        if hasil.ok:
            token = simpan_sementara(request.user, data)
    return _halaman_impor(request, renstra, form, hasil, token)


@login_required
@require_POST
def riwayat_impor_terapkan(request, kode, renstra_id):
    renstra = ambil_renstra(request, kode, renstra_id, ubah=True)
    token = request.POST.get("token", "")
    path = berkas_sementara(request.user, token)
    if path is None:
        messages.error(request, "Berkas pratinjau sudah tidak tersedia; unggah berkasnya lagi.")
        return redirect("riwayat_impor", kode=kode, renstra_id=renstra.id)
    hasil = impor_riwayat.impor_riwayat(
        path.read_bytes(),
        satker=renstra.satker,
        renstra=renstra,
        user=request.user,
        sidik=request.POST.get("sidik", ""),
    )
    if not hasil.diterapkan:
        if hasil.ok:
            messages.warning(request, "Data berubah sejak pratinjau; periksa pratinjau terbaru.")
        return _halaman_impor(
            request, renstra, ImporRiwayatForm(), hasil, token if hasil.ok else None
        )
    path.unlink(missing_ok=True)
    messages.success(
        request,
        f"Impor riwayat capaian tersimpan: {hasil.jumlah(impor_riwayat.BARU)} tahun baru, "
        f"{hasil.jumlah(impor_riwayat.BERUBAH)} berubah, "
        f"{hasil.jumlah(impor_riwayat.TETAP)} tetap.",
    )
    for catatan in hasil.catatan:
        messages.info(request, catatan)
    return redirect("riwayat_renstra", kode=kode, renstra_id=renstra.id)
