"""corecoach: a safe, explained, progressive weekly plan of core, hinge, flexibility,
mobility and breathing work, composed from an activity profile."""

__version__ = "0.1.0"
