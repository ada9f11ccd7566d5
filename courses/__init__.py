"""What is taught and to whom, one Django app per domain.

- ``courses.curricula``: curricula and modules (Wagtail pages), blocks, reference
  snippets, translation status and coverage, search, the review workflow.
- ``courses.training``: locations, training sessions, participants, attendance,
  case-list imports, the training reports and their summary tables.
- ``courses.learning``: online courses for professionals: learners, progress,
  quizzes, certificates.

Dependencies run one way: training and learning use curricula, never each other
(import-linter contracts in pyproject.toml).
"""
