"""Signed webhooks (Standard Webhooks 1.0): a servicer's endpoints, the outbox of events written
in the transaction of what they announce, and their delivery from the job queue."""
