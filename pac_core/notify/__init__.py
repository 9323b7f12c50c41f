"""Reaching people (issue 22): reminders, alerts, the review and a weekly digest, by e-mail and webhooks."""
