"""Default values that both the settings and the command line's help show.

A module with no imports: ``newsfuse --help`` reads these without loading pydantic, which would
add about a tenth of a second to every command that does no work.
"""

#: Largest file (or JSONL line) read, in bytes; bigger inputs become a Problem.
MAX_BYTES = 20_000_000
#: Words in a brief's summary.
SUMMARY_WORDS = 200
#: Files read from one folder given (a walk), unless raised: a crawler's dump of millions of files
#: is given in parts, or on purpose (--max-files).
MAX_FILES = 100_000
#: HTML elements given to trafilatura from one page: its work grows faster than the page
#: (40,000 paragraphs 7 s, 200,000 minutes), and a heavy news page has a few thousand.
MAX_HTML_ELEMENTS = 20_000
