"""Step « Communes & ateliers »: the forms of communes, plan periods and workshops."""
