"""PAC Atelier: the participatory workshop of a commune's Plan d'Action, from diagnostic to documents."""

__version__ = "0.1.0"
