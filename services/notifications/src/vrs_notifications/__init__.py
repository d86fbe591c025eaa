"""The notifications service: Notices the rule requires, their due dates and deliveries."""
