"""Date formats where Django's own do not suit the programme (``FORMAT_MODULE_PATH``).

Templates show dates with the named formats (``DATE_FORMAT``, ``SHORT_DATE_FORMAT``,
``DATETIME_FORMAT``, ``SHORT_DATETIME_FORMAT``), so each language reads them in its
own order; formats not set here are Django's for that language.
"""
