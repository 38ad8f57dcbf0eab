"""Django's Arabic formats have no date-and-time format (it would fall back to the
American "N j, Y, P"): the date as Django writes it in Arabic, then the time."""

DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATETIME_FORMAT = "j F، Y، H:i"
