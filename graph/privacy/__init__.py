"""Personal data (AVG): who may see a person, erasure, coordinator accounts and sign-in."""
