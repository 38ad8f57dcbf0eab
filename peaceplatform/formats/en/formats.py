"""English dates as the site has always written them ("5 September 2015"), in place of
Django's American defaults. Other languages use Django's own formats."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
