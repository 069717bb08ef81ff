"""Default values that both the settings and the command line's help show.

A module with no imports: ``newsfuse --help`` reads these without loading pydantic, which would
add about a tenth of a second to every command that does no work.
"""

#: Largest file (or JSONL line) read, in bytes; bigger inputs become a Problem.
MAX_BYTES = 20_000_000
#: Words in a brief's summary.
SUMMARY_WORDS = 200
