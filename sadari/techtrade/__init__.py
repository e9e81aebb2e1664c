"""Tech trade and open innovation: corporate needs, startup technologies, challenges, NDAs, deals."""
