"""Question bank exchange formats other than the spreadsheet (Moodle XML, …).

Each module turns bytes into import drafts (``importing.QuestionDraft``) and
questions into bytes; none touches the database.
"""
