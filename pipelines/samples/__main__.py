"""python -m pipelines.samples --n N --out DIR [--seed S] [--formats txt,docx,pdf,xlsx] [--every-format] [--truth FILE]"""

import sys

from pipelines.samples.generate import main

sys.exit(main())
