# Arabic date and time formats, day first and with the Arabic comma (Django's ar locale defines only
# SHORT_DATE_FORMAT, so the others fell back to the American "m/d/Y P" and "N j, Y, P": the SMS reminder
# showed 5 March as "03/05/2026", which reads as 3 May). Translation review 2026-12, §0.2.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
