"""What belongs to the learner and stays on their machine: their profile, their activity and answers, their
pre/post tests and satisfaction answers (one documented JSON file), and what is derived from them."""
