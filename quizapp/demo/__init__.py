"""A simulated class for trying out the teacher's reports without real students' data."""
