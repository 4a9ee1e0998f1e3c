"""The budget of a satker-year in the browser: the Program → Kegiatan → KRO → RO tree with its
sums, inline editing of one RO's amounts (htmx), adding and deleting a RO, DIPA revisions and the
workbook template and import.

Every view starts with kinerja.access.ambil_satker (404 for other satker, 403 for read-only roles
on writes); the work is done by anggaran.services (and anggaran.impor), whose ValidationError —
including a locked report of the year — is shown to the user and changes nothing.
"""

import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nilai import tulis_angka_ringkas
from satker.akses import ambil_satker, boleh_ubah
from satker.kunci import periksa_data_terbuka, pesan_kunci

from . import impor, services
from .forms import IMPOR_UKURAN_MAKS, ImporForm, RevisiForm, RoTambahForm, RoUbahForm
from .models import RevisiDipa, RoAnggaran, SumberDana
from .pohon import Simpul

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAMA_TINGKAT = {"program": "Program", "kegiatan": "Kegiatan", "kro": "KRO", "ro": "RO"}


@dataclass
class Baris:
    """One row of the tree table: a node, its codes from the root and its depth; a RO row also
    has its KRO, whose code is shown with its own (QGE.001)."""

    simpul: Simpul
    jalur: tuple[str, ...]
    kedalaman: int
    kro: Simpul | None = None

    @property
    def dom_id(self) -> str:
        if self.simpul.tingkat == "ro":
            return f"ro-{self.simpul.id}"
        return "sum-" + re.sub(r"[^A-Za-z0-9]+", "-", "-".join(self.jalur))

    @property
    def kode(self) -> str:
        """The code as DIPA prints it; a RO is shown with its KRO (QGE.001)."""
        return ".".join(self.jalur[-2:]) if self.simpul.tingkat == "ro" else self.simpul.kode

    @property
    def tingkat(self) -> str:
        return NAMA_TINGKAT.get(self.simpul.tingkat, "")

    @property
    def sumber_dana(self) -> str:
        s = self.simpul.sumber_dana
        return SumberDana(s).label if s in SumberDana.values else s

    @property
    def indentasi(self) -> str:
        return f"{0.25 + 1.25 * self.kedalaman:.2f}rem"


def _baris_pohon(akar: Simpul) -> list[Baris]:
    """The nodes below the root in display order (each parent before its children)."""
    hasil = []

    def jalan(simpul, jalur, kedalaman):
        for anak in simpul.anak:
            kro = simpul if anak.tingkat == "ro" else None
            hasil.append(Baris(anak, (*jalur, anak.kode), kedalaman, kro))
            jalan(anak, (*jalur, anak.kode), kedalaman + 1)

    jalan(akar, (), 0)
    return hasil


def _konteks(request, satker, tahun) -> dict:
    akar = services.pohon_satker(satker, tahun)
    kunci = pesan_kunci(satker, tahun)
    return {
        "satker": satker,
        "tahun": tahun,
        "akar": akar,
        "kunci_laporan": kunci,
        "bisa_ubah": boleh_ubah(request.user, satker) and kunci is None,
    }


def _halaman(request, satker, tahun, *, status=200, **extra):
    context = _konteks(request, satker, tahun)
    context.update(
        baris=_baris_pohon(context["akar"]),
        revisi_list=RevisiDipa.objects.filter(satker=satker, tahun=tahun),
        form=extra.pop("form", None) or RoTambahForm(satker=satker, tahun=tahun),
        form_revisi=extra.pop("form_revisi", None) or RevisiForm(),
        **extra,
    )
    return render(request, "anggaran/satker.html", context, status=status)


def _ambil_ro(satker, tahun, ro_id) -> RoAnggaran:
    return get_object_or_404(
        RoAnggaran.objects.select_related("kro__kegiatan__program"),
        id=ro_id,
        kro__kegiatan__program__satker=satker,
        kro__kegiatan__program__tahun=tahun,
    )


def _galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _ke_halaman(satker, tahun):
    return redirect("anggaran_satker", kode=satker.kode, tahun=tahun)


@login_required
@require_GET
def anggaran_satker(request, kode, tahun):
    satker = ambil_satker(request, kode)
    return _halaman(request, satker, tahun)


def _fragmen_ro(request, satker, tahun, ro_id, *, form=None, oob=False, status=200):
    """The RO's row (the edit row when `form` is given); with `oob` (after a save) also the new
    sums of its parents and of the whole budget, out of band."""
    context = _konteks(request, satker, tahun)
    semua = _baris_pohon(context["akar"])
    b = next(x for x in semua if x.simpul.tingkat == "ro" and x.simpul.id == ro_id)
    induk = [x for x in semua if x.simpul.tingkat != "ro" and b.jalur[: len(x.jalur)] == x.jalur]
    context.update(b=b, induk=induk, form_ubah=form, oob=oob)
    return render(request, "anggaran/_ro_fragmen.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_ro_ubah(request, kode, tahun, ro_id):
    satker = ambil_satker(request, kode, ubah=True)
    ro = _ambil_ro(satker, tahun, ro_id)
    if request.method == "GET":
        if "batal" in request.GET:
            return _fragmen_ro(request, satker, tahun, ro.id)
        awal = {n: tulis_angka_ringkas(getattr(ro, n)) for n in ("pagu", "realisasi")}
        return _balas_ubah(request, satker, tahun, ro, RoUbahForm(initial=awal), status=200)
    form = RoUbahForm(request.POST)
    if form.is_valid():
        try:
            services.ro_simpan(satker=satker, tahun=tahun, baris=form.baris(ro), ro=ro)
        except ValidationError as exc:
            form.add_error(None, _galat(exc))
        else:
            if not request.headers.get("HX-Request"):
                messages.success(request, f"Pagu dan realisasi RO {ro.kode} {ro.nama} disimpan.")
                return _ke_halaman(satker, tahun)
            return _fragmen_ro(request, satker, tahun, ro.id, oob=True)
    return _balas_ubah(request, satker, tahun, ro, form, status=400)


def _balas_ubah(request, satker, tahun, ro, form, *, status):
    """htmx gets the edit row alone; a plain request gets the page with that row open."""
    if request.headers.get("HX-Request"):
        return _fragmen_ro(request, satker, tahun, ro.id, form=form, status=status)
    return _halaman(request, satker, tahun, status=status, ubah_id=ro.id, form_ubah=form)


@login_required
@require_POST
def anggaran_ro_tambah(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
    form = RoTambahForm(request.POST, satker=satker, tahun=tahun)
    if form.is_valid():
        try:
            ro = services.ro_simpan(satker=satker, tahun=tahun, baris=form.baris())
        except ValidationError as exc:
            form.add_error(None, _galat(exc))
        else:
            messages.success(request, f"RO {ro.kro.kode}.{ro.kode} {ro.nama} ditambahkan.")
            return _ke_halaman(satker, tahun)
    return _halaman(request, satker, tahun, form=form, status=400)


@login_required
@require_POST
def anggaran_ro_hapus(request, kode, tahun, ro_id):
    satker = ambil_satker(request, kode, ubah=True)
    ro = _ambil_ro(satker, tahun, ro_id)
    nama = f"RO {ro.kro.kode}.{ro.kode} {ro.nama}"
    try:
        services.ro_hapus(ro=ro)
    except ValidationError as exc:
        messages.error(request, _galat(exc))
    else:
        messages.success(request, f"{nama} dihapus.")
    return _ke_halaman(satker, tahun)


@login_required
@require_POST
def anggaran_revisi_tambah(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
    form = RevisiForm(request.POST)
    if form.is_valid():
        try:
            periksa_data_terbuka(satker, tahun)
            revisi = services.revisi_dipa_tambah(satker=satker, tahun=tahun, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, _galat(exc))
        else:
            messages.success(request, f"Revisi DIPA ke-{revisi.nomor} dicatat.")
            return _ke_halaman(satker, tahun)
    return _halaman(request, satker, tahun, form_revisi=form, status=400)


@login_required
@require_GET
def anggaran_templat(request, kode, tahun):
    satker = ambil_satker(request, kode)
    response = HttpResponse(impor.templat_xlsx(satker, tahun), content_type=XLSX)
    nama = f"Anggaran-{satker.kode}-{tahun}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def anggaran_impor(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
    form = ImporForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    hasil = None
    if form.is_bound and form.is_valid():
        try:
            hasil = impor.impor_xlsx(satker=satker, tahun=tahun, berkas=form.cleaned_data["berkas"])
        except ValidationError as exc:
            form.add_error(None, _galat(exc))
        else:
            if hasil.ok:
                messages.success(request, f"{len(hasil.baris)} baris RO diimpor.")
                for catatan in hasil.catatan:
                    messages.info(request, catatan)
                return _ke_halaman(satker, tahun)
    context = {
        "satker": satker,
        "tahun": tahun,
        "form": form,
        "hasil": hasil,
        "kunci_laporan": pesan_kunci(satker, tahun),
        "ukuran_maks_mb": IMPOR_UKURAN_MAKS // (1024 * 1024),
    }
    return render(request, "anggaran/impor.html", context, status=400 if form.is_bound else 200)
