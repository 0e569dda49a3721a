"""Step « Plan triennal »: priorities, a project's years and funding lines, the commune's share
against its capacity with the what-if, the charts and the plan table."""
