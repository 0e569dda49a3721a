"""The participant's phone page « Voter »: profile, then the ballot of the open round."""
