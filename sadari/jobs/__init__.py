"""Jobs: employers' postings (the jobs-ladder issue adds academies, trainees and matching)."""
