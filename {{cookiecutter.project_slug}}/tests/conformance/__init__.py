"""Conformance: the standards the service follows, one module per document.

- test_rfc8725.py: JWT best current practices (algorithms, keys, iss and aud,
  explicit typing, key-naming headers), with the RFC 7515 and RFC 9068 clauses
  they rely on.
- test_rfc7519.py: the time claims and the leeway.
- test_rfc6750.py: bearer token usage: where a token may travel, challenges.
- test_owasp_api.py: OWASP API Security Top 10 2023, API1, API3, API4, API5.
- test_properties.py: generated input never answers 500 and a changed token
  never authenticates; fuzzing.py holds the Hypothesis settings and strategies.
- test_refresh_tokens.py and test_logout.py, in variants with refresh tokens
  or revocation: no token type passes for another, and changed tokens neither
  refresh, nor log out, nor end a session.
- test_log_guard.py: the guard that keeps tokens, passwords and secrets out
  of every log line of the test run.
- test_clauses.py: clauses proven by tests that live beside their code.
"""
