# Persian formats for the back office, day first like every other language here (Django's fa locale writes
# the short date year first, "2026/12/2", beside day-first long dates): the short date names the month,
# "2 دسامبر 2026", so a Gregorian date cannot be misread; 24-hour clock, the Persian comma.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y، H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 6
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
