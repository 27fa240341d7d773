"""The award register, due awards and statistics screens (issue #17)."""
