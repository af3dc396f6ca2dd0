"""Who is calling: sign-in sessions of visitors and staff, shared by the API and the pages."""
