"""Translations of demo quizzes, one module per quiz and language (see ``assessments.demo_translations``)."""
