"""A servicer's sandbox: test visitors with test IC cards and a QR simulator, answering consent
requests as a test needs, reached only by the servicer's sandbox API clients."""
