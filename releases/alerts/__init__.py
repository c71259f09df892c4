"""Email alerts for journalists: subscribing, deciding what to send, and sending it."""
