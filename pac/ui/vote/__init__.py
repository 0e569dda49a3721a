"""Step « Vote » (facilitator): rounds, the live wall with its QR code, results, paper tallies, cards."""
