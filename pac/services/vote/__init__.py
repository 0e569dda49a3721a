"""Voting rounds (page « Vote ») and the participants' ballots (page « Voter »), in four modules.

- `views`: the plain dataclasses both sides return (a round, its options, a participant, a receipt,
  the counter, the results) and the errors a ballot can meet (`RoundNotOpen`, `CardRequired`).
- `rounds`: the facilitator's side: what can be put to the vote, create / update / open / close /
  clear / delete a round, display flags, the live counter and results, paper tallies, printed
  cards, objectives' priorities.
- `ballot`: the participant's hot path: the round of a join code, its status (polled while
  waiting), the voter's state, their profile, submitting a ballot.  Kept lean: it imports neither
  `rounds` nor the exports, so a light HTTP route can serve it to a full room of phones.
- `network`: the address phones use: LAN addresses, the public base URL, a voter's URL.

Where is the vote counted?  In `pac.domain.vote` (`count`, `turnout`, `splits`, `final_ranking`),
called from `rounds.results` and `rounds.close_round`; the service only reads the ballots and
never recounts.  A ballot's own rules are checked by `pac.domain.vote.clean_ballot`, called from
`ballot.submit_ballot`.

Nothing is re-exported here: callers import the module they use
(`from pac.services.vote import rounds`), so the participant's page never loads the facilitator's.
"""
