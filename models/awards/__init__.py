"""The award register: every award to a person or a collective, its import and export."""
