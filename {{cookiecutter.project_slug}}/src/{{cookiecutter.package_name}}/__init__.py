"""A FastAPI service with JWT authentication."""
