"""Path converters for the public keys in URLs, so a malformed key is a 404, never a query."""


class KodeSatkerConverter:
    """A Kemendagri region code: "00" (KPU RI), "18" (province) or "18.03" (Kab/Kota)."""

    regex = r"\d{2}(?:\.\d{2})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TahunConverter:
    """A report year; four digits keep the value inside the database's small-integer columns."""

    regex = r"(?:19|20)\d{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class KunciBagianConverter:
    """A report section key such as "bab1.latar_belakang" or "sasaran.5.a1"."""

    regex = r"[a-z0-9_]+(?:\.[a-z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
