"""Plain data for the assessments demo that is not in ``demo_questions``."""
