"""What several steps share: session state, page frame and navigation, forms and messages, grids,
tabs that survive page switches, edited widgets, labels, the current project, the compliance
checklist, and how a figure is shown."""
