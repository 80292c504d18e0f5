"""python -m tools.samples --n N --out DIR [--seed S] [--formats txt,docx,pdf,xlsx] [--every-format] [--truth FILE]"""

import sys

from tools.samples.generate import main

sys.exit(main())
