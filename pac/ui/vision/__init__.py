"""Step « Vision & axes »: mission, vision and values; axes and objectives; SWOT links; the tree."""
