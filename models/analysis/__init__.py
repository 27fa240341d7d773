"""What the award register tells: a person's and a unit's history, who is due for the next award, statistics."""
