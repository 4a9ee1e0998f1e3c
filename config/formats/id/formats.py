# Indonesian formats as the published reports print them: "17 Januari 2025", "66,23", "1.250".
# Django's own "id" locale abbreviates months ("17 Jan. 2025"); only the overrides live here.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
SHORT_DATE_FORMAT = "d-m-Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
