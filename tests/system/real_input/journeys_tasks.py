from real_input.journey_world import Journey
JOURNEYS: dict[str, Journey] = {}
